// locustpp command line: the two parsing phases — the module's entry points.
//
// Phase 1 (parse_bootstrap) runs before plugins are loaded and reads only
// what is needed to load them: locustfiles, plugin directories and --config,
// plus --help/--version. Everything else is skipped, not validated.
// Phase 2 (parse_options) reads everything, with the plugins' arguments
// merged in, and validates it all.
//
// Both phases use the same sources and precedence, lowest first:
//   ~/.locust.conf < ./locust.conf < --config FILE < LOCUST_* variables < command line
// Config files are located through `env` (HOME) and `working_dir`, never
// through the process, so tests can control them completely.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "cli/config_error.hpp"
#include "cli/environment.hpp"
#include "cli/help_text.hpp"
#include "cli/plugin_argument.hpp"
#include "cli/run_options.hpp"

namespace locustpp::cli {

struct bootstrap_options {
  // -f/--locustfile, LOCUST_LOCUSTFILE, config "locustfile"; without any of
  // them (nor --plugin-dir): <working dir>/locustfile.so, else the folder
  // <working dir>/locustfile, when there is one.
  std::vector<std::string> locustfiles;
  std::vector<std::string> plugin_dirs;    // --plugin-dir, LOCUST_PLUGIN_DIR, config "plugin-dir"
  std::optional<std::string> config_file;  // --config as given (command line only, like Locust)
  bool help = false;
  bool version = false;
};

// `args` excludes argv[0]. Unknown options and unknown config keys are
// skipped (they may belong to plugins). Throws config_error only for a
// missing --config file, an unreadable config file, a config file that sets
// help/version/config, or command-line syntax errors (e.g. "--users" with no
// value).
bootstrap_options parse_bootstrap(const std::vector<std::string>& args, const environment_view& env,
                                  const std::filesystem::path& working_dir);

// `args` excludes argv[0]. Throws config_error for anything invalid: an
// unknown option or config key (with a "Did you mean" hint), a bad value, a
// missing required plugin argument, --csv-full-history without --csv, or a
// broken plugin declaration. When --help or --version is on the command line,
// returns right away with only that set: help must work even when the rest of
// the command line is incomplete.
run_options parse_options(const std::vector<std::string>& args, const environment_view& env,
                          const std::filesystem::path& working_dir, const std::vector<plugin_argument>& plugin_args);

}  // namespace locustpp::cli
