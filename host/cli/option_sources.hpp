// locustpp command line: gathering raw option values from every source in
// precedence order, lowest first:
//   ~/.locust.conf  <  <working dir>/pyproject.toml ([tool.locust])
//   <  <working dir>/locust.conf  <  --config FILE
//   <  environment variables  <  the command line
// A later source replaces an option's value as a whole; only within the
// command line do repeated list options accumulate (`-f a.so -f b.so`).
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "cli/command_line.hpp"
#include "cli/config_file.hpp"
#include "cli/environment.hpp"
#include "cli/option_catalog.hpp"
#include "cli/raw_values.hpp"

namespace locustpp::cli {

// What to do with a config-file key that names no known option.
enum class unknown_key_policy {
  reject,  // phase 2: config_error with the file, line and closest name
  skip,    // phase 1: it may belong to a plugin that is not loaded yet
};

// The config files to read, lowest precedence first: ~/.locust.conf (HOME
// from `env`), <working_dir>/pyproject.toml and <working_dir>/locust.conf
// when they exist (the same file is listed once), then `explicit_file`
// (relative to working_dir) whether or not it exists — reading a missing one
// is an error. A .toml file is read as pyproject.toml ([tool.locust]).
std::vector<std::filesystem::path> config_file_chain(const environment_view& env,
                                                     const std::filesystem::path& working_dir,
                                                     const std::optional<std::string>& explicit_file);

// Throws config_error for unknown keys (under `reject`) and for keys that may
// not appear in a config file (help, version, config). Each collector skips
// Locust options locustpp does not support yet, adding a message for each to
// `warnings`.
void collect_config_file(const config_file_contents& contents, const option_catalog& catalog, unknown_key_policy policy,
                         raw_values& into, std::vector<std::string>& warnings);

void collect_environment(const environment_view& env, const option_catalog& catalog, raw_values& into,
                         std::vector<std::string>& warnings);

void collect_command_line(const parsed_command_line& command_line, const option_catalog& catalog, raw_values& into,
                          std::vector<std::string>& warnings);

}  // namespace locustpp::cli
