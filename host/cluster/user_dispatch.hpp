// A master's dispatch (Locust's UsersDispatcher rules): which worker runs how
// many users of each class for a given total. Users are handed out in one
// order, fixed_count classes first then by weight (runtime::class_picker,
// the same order a single process spawns in), and user i goes to worker
// i mod n, so 5 users on 2 workers are 3 + 2. Workers are ordered so that
// consecutive ones are on different machines where possible, spreading the
// load over machines before over processes.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "runtime/class_picker.hpp"

namespace locustpp::cluster {

struct dispatch_plan {
  std::vector<std::vector<std::uint64_t>> per_worker;  // [worker][class]: absolute user counts
  std::uint64_t total = 0;  // less than asked when only fixed_count classes are allowed and all are full
};

// `allowed`: one flag per class, or empty for all.
dispatch_plan dispatch_users(std::uint64_t users, const std::vector<runtime::class_share>& shares,
                             const std::vector<bool>& allowed, std::size_t workers);

// Node ids ("<host>_<hex>") reordered so that hosts alternate: the first
// worker of each host, then the second of each, ... (Locust's
// _prepare_worker_nodes). Within a host the given order is kept.
std::vector<std::string> dispatch_order(const std::vector<std::string>& node_ids);

}  // namespace locustpp::cluster
