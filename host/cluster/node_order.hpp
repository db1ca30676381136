// The order of a master's workers for the dispatcher (Locust's
// _prepare_worker_nodes): consecutive workers are on different machines
// where possible, spreading the load over machines before over processes.
#pragma once

#include <string>
#include <vector>

namespace locustpp::cluster {

// Node ids ("<host>_<hex>") reordered so that hosts alternate: the first
// worker of each host, then the second of each, ... Within a host the given
// order is kept.
std::vector<std::string> dispatch_order(const std::vector<std::string>& node_ids);

}  // namespace locustpp::cluster
