// Demo target for tests (see demo_target.hpp).
#include "demo_target.hpp"

#include <rapidjson/document.h>

#include <cstdio>

#include "http_exchange.hpp"
#include "listening_child.hpp"
#include "test_paths.hpp"

namespace locustpp::testing {

demo_target::demo_target(std::vector<std::string> extra) {
  std::vector<std::string> argv{std::string(bin_dir) + "/locustpp-demo-target", "--port", "0", "--quiet"};
  argv.insert(argv.end(), extra.begin(), extra.end());
  process_ = std::make_unique<child_process>(argv);
  url_ = wait_for_announcement(*process_, "listening on ");
  port_ = port_of(url_);
}

std::uint64_t served_requests(const demo_target& target, const std::string& path) {
  rapidjson::Document counters;
  counters.Parse(http_get_body(target.port(), "/__counters").c_str());
  if (!counters.IsObject() || !counters.HasMember("by_path")) return 0;
  const auto& by_path = counters["by_path"];
  return by_path.HasMember(path.c_str()) ? by_path[path.c_str()].GetUint64() : 0;
}

std::string http_get_body(int port, const std::string& path) {
  return http_exchange(port, "GET", path).body;
}

std::string curl_get_body(const std::string& url) {
  std::string command = "curl -sk --max-time 10 '" + url + "'";
  std::string body;
  if (FILE* pipe = ::popen(command.c_str(), "r")) {
    char buffer[4096];
    std::size_t got = 0;
    while ((got = std::fread(buffer, 1, sizeof(buffer), pipe)) > 0) body.append(buffer, got);
    ::pclose(pipe);
  }
  return body;
}

}  // namespace locustpp::testing
