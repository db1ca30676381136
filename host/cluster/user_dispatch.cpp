// dispatch_users and dispatch_order (see user_dispatch.hpp).
#include "cluster/user_dispatch.hpp"

#include <map>

namespace locustpp::cluster {

dispatch_plan dispatch_users(std::uint64_t users, const std::vector<runtime::class_share>& shares,
                             const std::vector<bool>& allowed, std::size_t workers) {
  dispatch_plan plan;
  plan.per_worker.assign(workers, std::vector<std::uint64_t>(shares.size(), 0));
  if (workers == 0) return plan;
  runtime::class_picker picker(shares);
  for (std::uint64_t user = 0; user < users; ++user) {
    std::optional<std::size_t> picked = picker.next(allowed.empty() ? nullptr : &allowed);
    if (!picked) break;
    ++plan.per_worker[user % workers][*picked];
    ++plan.total;
  }
  return plan;
}

std::vector<std::string> dispatch_order(const std::vector<std::string>& node_ids) {
  std::vector<std::string> hosts;  // in order of first appearance
  std::map<std::string, std::vector<std::string>> by_host;
  for (const std::string& id : node_ids) {
    std::size_t cut = id.rfind('_');
    std::string host = cut == std::string::npos ? id : id.substr(0, cut);
    auto [it, added] = by_host.try_emplace(host);
    if (added) hosts.push_back(host);
    it->second.push_back(id);
  }
  std::vector<std::string> order;
  for (std::size_t round = 0; order.size() < node_ids.size(); ++round) {
    for (const std::string& host : hosts) {
      const std::vector<std::string>& ids = by_host[host];
      if (round < ids.size()) order.push_back(ids[round]);
    }
  }
  return order;
}

}  // namespace locustpp::cluster
