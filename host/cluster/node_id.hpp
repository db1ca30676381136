// A node's id as Locust makes it: "<hostname>_<32 hex digits>" (the worker's
// ZeroMQ identity and the node_id of every message it sends).
#pragma once

#include <string>

namespace locustpp::cluster {

std::string make_node_id();

}  // namespace locustpp::cluster
