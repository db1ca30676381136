// dispatch_order (see node_order.hpp).
#include "cluster/node_order.hpp"

#include <map>

namespace locustpp::cluster {

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
