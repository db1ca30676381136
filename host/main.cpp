// locustpp: load tests written as compiled plugins, run Locust's way.
//
// 1. read the options needed to find modules (-f, --plugin-dir, --config)
// 2. load the modules; each may add user classes, listeners and arguments
// 3. parse every option, plugin arguments included
// 4. --help / --version / --list, or run the test and exit with its code
#include <spdlog/spdlog.h>

#include <csignal>
#include <cstdio>
#include <filesystem>
#include <string>
#include <vector>

#include "cli/config_error.hpp"
#include "cli/parser.hpp"
#include "runtime/control_loop.hpp"
#include "runtime/crash_report.hpp"
#include "runtime/event_bus.hpp"
#include "runtime/host_services.hpp"
#include "runtime/local_runner.hpp"
#include "runtime/startup.hpp"

namespace {

#define LOCUSTPP_TEXT(x) #x
#define LOCUSTPP_NUMBER_TEXT(x) LOCUSTPP_TEXT(x)
constexpr const char* version_text = "locustpp 0.1.0 (plugin ABI " LOCUSTPP_NUMBER_TEXT(
    LOCUSTPP_ABI_MAJOR) "." LOCUSTPP_NUMBER_TEXT(LOCUSTPP_ABI_MINOR) ")";

int configuration_error(const std::string& message) {
  std::fprintf(stderr, "locustpp: error: %s\n", message.c_str());
  return 1;
}

}  // namespace

int main(int argc, char** argv) {
  using namespace locustpp;
  std::vector<std::string> args(argv + 1, argv + argc);
  auto env = cli::environment_view::from_process();
  auto cwd = std::filesystem::current_path();
  std::signal(SIGPIPE, SIG_IGN);  // a closed stdout (| head) must not end the run before its files are written
  runtime::install_crash_report();
  runtime::crash_report_thread_guard crash_stack;
  runtime::configure_early_logging();
  try {
    cli::bootstrap_options bootstrap = cli::parse_bootstrap(args, env, cwd);
    if (bootstrap.version) return std::puts(version_text), 0;

    plugin::catalog catalog;
    runtime::event_bus events(catalog);
    runtime::control_loop control;
    runtime::host_state state(control, events);
    const locustpp_host_api& host = runtime::install_host_services(state);
    std::size_t refused = runtime::load_modules(bootstrap.locustfiles, bootstrap.plugin_dirs, host, catalog);
    events.count_plugin_failures(refused);  // a refused module ends the run with exit code 2
    events.fire(LOCUSTPP_EVENT_INIT_COMMAND_LINE_PARSER);
    if (bootstrap.help) return std::fputs(cli::help_text(catalog.arguments).c_str(), stdout), 0;
    cli::run_options options = cli::parse_options(args, env, cwd, catalog.arguments);
    runtime::configure_logging(options);
    runtime::publish_option_values(options, state);
    if (options.list) return std::fputs(runtime::describe_modules(catalog).c_str(), stdout), refused > 0 ? 2 : 0;
    if (!options.headless) spdlog::warn("the web UI is not available yet: running headless");

    runtime::raise_open_file_limit(options.users);
    events.fire(LOCUSTPP_EVENT_INIT);
    return runtime::run_local_test(options, catalog, events, state);
  } catch (const cli::config_error& error) {
    return configuration_error(error.what());
  } catch (const std::exception& error) {
    return configuration_error(error.what());
  }
}
