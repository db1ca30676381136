// locustpp command line: LOCUST_* environment variables.
//
// Parsing reads the environment through an environment_view instead of
// getenv() so tests can hand in exactly the variables they want.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>

namespace locustpp::cli {

struct environment_view {
  std::map<std::string, std::string> vars;

  // A snapshot of the current process environment.
  static environment_view from_process();
};

// The variable's value, or nothing when it is unset or empty: an empty
// variable (`LOCUST_HOST=`) is a common way to "unset" something in a shell
// or a container spec, so it does not override a config file.
std::optional<std::string> lookup_variable(const environment_view& env, std::string_view name);

}  // namespace locustpp::cli
