// --config-users: user class settings given as JSON (Locust 2.4x), each value
// a JSON text or the path of a .json file holding one:
//   [{"user_class_name": "Shopper", "weight": 2, "fixed_count": 1,
//     "host": "http://127.0.0.1:8080", "tasks": ["browse", "checkout"]}]
// A single object is accepted too. "tasks" keeps only the named top-level
// tasks of the class. Unknown classes, tasks and keys are errors that name them.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "plugin/catalog.hpp"

namespace locustpp::runtime {

struct class_settings {
  std::string user_class;
  std::optional<double> weight;
  std::optional<std::uint32_t> fixed_count;
  std::optional<std::string> host;
  std::optional<std::vector<std::string>> tasks;
};

// Throws std::runtime_error naming the --config-users value and the problem.
std::vector<class_settings> read_config_users(const std::vector<std::string>& values, const plugin::catalog& catalog);

// The same from JSON text only, never a file name (the web UI's POST /user,
// whose body comes from the network). Throws as read_config_users.
std::vector<class_settings> read_class_settings_json(const std::string& json, const plugin::catalog& catalog);

// Applies `settings` to a planned copy of its class.
void apply_class_settings(const class_settings& settings, plugin::user_class_model& user_class);

}  // namespace locustpp::runtime
