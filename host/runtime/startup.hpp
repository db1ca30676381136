// Start-up steps main() strings together: loading modules, logging, the
// option values modules can read, and --list.
#pragma once

#include <memory>
#include <span>
#include <string>
#include <vector>

#include <spdlog/formatter.h>

#include "cli/run_options.hpp"
#include "plugin/catalog.hpp"
#include "plugin/extension_registrations.hpp"
#include "runtime/host_services.hpp"

namespace locustpp::runtime {

// Loads every module named; refusals are logged as errors (the others still
// load), and what a refused module registered with `extensions` is
// forgotten. Returns how many were refused.
std::size_t load_modules(const std::vector<std::string>& locustfiles, const std::vector<std::string>& plugin_dirs,
                         const locustpp_host_api& host, plugin::catalog& catalog,
                         std::span<plugin::extension_registrations* const> extensions);

// Locust's layout, "[2026-11-30 08:28:52,932] host/INFO/locustpp: message",
// so that what scripts grep in Locust's logs is where they expect it. The
// message is one line: control characters in it are escaped ("\x1b", "\n").
std::unique_ptr<spdlog::formatter> locust_log_layout();

// Logging to stderr before the options are known (module refusals).
void configure_early_logging();
// --loglevel / --logfile for the whole process (spdlog, to stderr by default).
void configure_logging(const cli::run_options& options);

// Raises the soft open-file limit to the hard one (each user holds a socket)
// and warns when `users` connections cannot fit under it.
void raise_open_file_limit(int users);

// Option values by name (without dashes) for host->option_value.
void publish_option_values(const cli::run_options& options, host_state& state);

// --list: each module and its user classes with their tasks and weights.
std::string describe_modules(const plugin::catalog& catalog);

}  // namespace locustpp::runtime
