// Test support: a locustpp serving its web UI on a free loopback port
// (-P 0, the port read from its log), and small clients of its REST API.
#pragma once

#include <rapidjson/document.h>

#include <chrono>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "child_process.hpp"
#include "http_exchange.hpp"

namespace locustpp::testing {

class web_run {
 public:
  // locustpp -f <module> -H <host> -P 0 <extra...>; throws when no web UI starts.
  // `launcher` runs it through another program (e.g. {"prlimit", "--nofile=32"});
  // `env` adds environment variables.
  web_run(const std::string& module, const std::string& host, std::vector<std::string> extra = {},
          std::vector<std::string> launcher = {}, std::map<std::string, std::string> env = {});
  int port() const { return port_; }
  child_process& process() { return *process_; }

 private:
  std::unique_ptr<child_process> process_;
  int port_ = 0;
};

rapidjson::Document json_of(const http_reply& reply);
rapidjson::Document get_json(int port, const std::string& path);

// Polls `condition` every 50 ms for up to `limit`.
bool eventually(const std::function<bool()>& condition, std::chrono::milliseconds limit = std::chrono::seconds(10));

// The runner as /stats/requests shows it.
struct runner_view {
  std::string state;
  std::uint64_t users = 0;
  std::uint64_t requests = 0;  // Aggregated
};
runner_view view(int port);

}  // namespace locustpp::testing
