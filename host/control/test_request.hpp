// What starts a test, or changes a running one: the parameters of Locust's
// runner.start() and of its web form, from whichever client asks.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace locustpp::control {

struct test_request {
  std::uint64_t users = 1;                // target concurrent users
  double spawn_rate = 1;                  // users started (or stopped) per second, > 0
  std::optional<std::string> host;        // base URL for every class; none = the current one
  std::optional<double> run_time;         // seconds until the test stops by itself; none = until stopped
  std::vector<std::string> user_classes;  // names to run; empty = every class of the plan
  // A worker node's spawn: absolute users per class (plan order), reached at
  // once, since its master paces the ramp; users and spawn_rate are unused.
  std::optional<std::vector<std::uint64_t>> class_targets;
  // Module arguments (name → values, checked already) that a new test runs
  // with: the web form's, a master's parsed_options. Set before test_start
  // fires; a request that changes a running test leaves them.
  std::vector<std::pair<std::string, std::vector<std::string>>> arguments;
};

}  // namespace locustpp::control
