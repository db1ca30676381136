// The fault server for tests (see fault_server.hpp).
#include "fault_server.hpp"

#include <rapidjson/document.h>

#include "demo_target.hpp"
#include "listening_child.hpp"
#include "test_paths.hpp"

namespace locustpp::testing {

fault_server::fault_server()
    : process_(std::make_unique<child_process>(
          std::vector<std::string>{std::string(bin_dir) + "/locustpp-fault-server", "--port", "0"})) {
  url_ = wait_for_announcement(*process_, "listening on ");
  tls_url_ = wait_for_announcement(*process_, "stalling tls on ");
  connect_url_ = wait_for_announcement(*process_, "stalling connect on ");
}

std::map<std::string, std::uint64_t> fault_server::seen() const {
  rapidjson::Document counts;
  counts.Parse(http_get_body(port_of(url_), "/__counters").c_str());
  std::map<std::string, std::uint64_t> by_path;
  if (!counts.IsObject()) return by_path;
  for (const auto& member : counts.GetObject()) by_path[member.name.GetString()] = member.value.GetUint64();
  return by_path;
}

}  // namespace locustpp::testing
