// locustpp command line: the two parsing phases — see parser.hpp.
//
// Both phases run the same pipeline: tokenize argv, collect raw text from
// config files, environment and command line (later sources replace earlier
// ones), then convert. They differ only in which options are known and in
// how strict they are about the ones that are not.
#include "cli/parser.hpp"

#include <fmt/format.h>

#include "cli/builtin_values.hpp"
#include "cli/closest_name.hpp"
#include "cli/command_line.hpp"
#include "cli/config_file.hpp"
#include "cli/option_catalog.hpp"
#include "cli/option_sources.hpp"
#include "cli/plugin_arguments.hpp"
#include "cli/plugin_values.hpp"
#include "cli/value_text.hpp"
#include "net/source_addresses.hpp"

namespace locustpp::cli {
namespace fs = std::filesystem;
namespace {

// Gathers every source in precedence order; records the config files read.
raw_values collect_sources(const parsed_command_line& command_line, const environment_view& env,
                           const fs::path& working_dir, const option_catalog& catalog, unknown_key_policy policy,
                           std::vector<std::string>& files_read, std::vector<std::string>& warnings) {
  raw_values values;
  for (const fs::path& path : config_file_chain(env, working_dir, command_line.last_value("config"))) {
    collect_config_file(read_config_file(path), catalog, policy, values, warnings);
    files_read.push_back(path.string());
  }
  collect_environment(env, catalog, values, warnings);
  collect_command_line(command_line, catalog, values, warnings);
  return values;
}

// Comma-separated lists such as --locustfile, without converting anything else.
std::vector<std::string> path_list(const raw_values& values, const std::string& name) {
  std::vector<std::string> items;
  if (const auto found = values.find(name); found != values.end()) {
    for (const std::string& text : found->second.texts) {
      for (std::string& item : split_list_text(text, /*blanks_separate=*/false)) {
        items.push_back(std::move(item));
      }
    }
  }
  return items;
}

void reject_unrecognized(const parsed_command_line& command_line, const option_catalog& catalog) {
  if (command_line.unrecognized.empty()) return;
  const std::string& typed = command_line.unrecognized.front();
  std::string message = fmt::format("unrecognized option '{}'", typed);
  if (const auto suggestion = closest_name(typed, catalog.long_names())) {
    message += fmt::format(". Did you mean '{}'?", *suggestion);
  }
  throw config_error(message, config_error::kind::usage);
}

// Positional arguments win; otherwise LOCUST_USER_CLASSES (Locust reads that
// variable by hand, space separated). Config files cannot name user classes.
std::vector<std::string> user_classes(const parsed_command_line& command_line, const environment_view& env) {
  if (!command_line.positionals.empty()) return command_line.positionals;
  if (const auto names = lookup_variable(env, "LOCUST_USER_CLASSES")) {
    return split_list_text(*names, /*blanks_separate=*/true);
  }
  return {};
}

void check_combinations(const run_options& options) {
  if (options.csv_full_history && !options.csv_prefix) {
    throw config_error("--csv-full-history requires --csv");
  }
  // Locust's checks and wording for the distributed options.
  if (options.master && options.worker) {
    throw config_error("--master cannot be combined with --worker", config_error::kind::usage);
  }
  if (options.processes != 0 && options.master) {
    throw config_error(
        "--master cannot be combined with --processes. Remove --master, as it is implicit as long as "
        "--worker is not set.",
        config_error::kind::usage);
  }
  if (!options.master && options.users > options.max_users_per_process) {
    throw config_error(fmt::format("-u {} is more users than one process runs (at most {}; "
                                   "--max-users-per-process sets it)",
                                   options.users, options.max_users_per_process),
                       config_error::kind::usage);
  }
  if (options.processes < -1) {
    throw config_error(
        fmt::format("--processes must be -1 (one per core) or a positive number, not {}", options.processes),
        config_error::kind::usage);
  }
}

void expand_source_addresses(run_options& options) {
  if (options.source_addresses.empty()) return;
  try {
    options.source_ips = net::parse_source_addresses(options.source_addresses);
  } catch (const std::invalid_argument& error) {
    throw config_error(error.what(), config_error::kind::usage);
  }
}

}  // namespace

bootstrap_options parse_bootstrap(const std::vector<std::string>& args, const environment_view& env,
                                  const fs::path& working_dir) {
  const option_catalog catalog;
  const parsed_command_line command_line = read_command_line(args, catalog);

  bootstrap_options result;
  result.help = command_line.has("help");
  result.version = command_line.has("version");
  result.config_file = command_line.last_value("config");

  std::vector<std::string> files_read, warnings;  // phase 2 reports the warnings
  const raw_values values =
      collect_sources(command_line, env, working_dir, catalog, unknown_key_policy::skip, files_read, warnings);
  result.locustfiles = path_list(values, "locustfile");
  result.plugin_dirs = path_list(values, "plugin-dir");
  if (result.locustfiles.empty() && result.plugin_dirs.empty()) {
    // Locust's default locustfile.py: here locustfile.so, else a folder of modules.
    std::error_code ec;
    if (fs::is_regular_file(working_dir / "locustfile.so", ec)) {
      result.locustfiles.push_back((working_dir / "locustfile.so").string());
    } else if (fs::is_directory(working_dir / "locustfile", ec)) {
      result.locustfiles.push_back((working_dir / "locustfile").string());
    }
  }
  return result;
}

run_options parse_options(const std::vector<std::string>& args, const environment_view& env,
                          const fs::path& working_dir, const std::vector<plugin_argument>& plugin_args) {
  validate_plugin_declarations(plugin_args);
  const option_catalog catalog(plugin_args);
  const parsed_command_line command_line = read_command_line(args, catalog);

  run_options options;
  if (command_line.has("help") || command_line.has("version")) {
    options.help = command_line.has("help");
    options.version = command_line.has("version");
    return options;
  }
  reject_unrecognized(command_line, catalog);

  const raw_values values = collect_sources(command_line, env, working_dir, catalog, unknown_key_policy::reject,
                                            options.sources_used, options.warnings);
  apply_builtin_values(values, options);
  options.plugin_values = resolve_plugin_values(plugin_args, values);
  options.user_classes = user_classes(command_line, env);
  check_combinations(options);
  expand_source_addresses(options);
  return options;
}

}  // namespace locustpp::cli
