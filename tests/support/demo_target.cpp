// Demo target for tests (see demo_target.hpp).
#include "demo_target.hpp"

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
