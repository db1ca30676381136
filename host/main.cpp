// locustpp: load tests written as compiled plugins, run Locust's way.
//
// 1. read the options needed to find modules (-f, --plugin-dir, --config)
// 2. load the modules; each may add user classes, listeners and arguments
// 3. parse every option, plugin arguments included
// 4. --help / --version / --list / --show-task-ratio, or
// 5. with --processes, fork the local workers
// 6. create the controller and its clients (a worker or master node, the web
//    UI unless --headless or a worker), run until quit and exit with the
//    run's code
#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include <csignal>
#include <cstdio>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "cli/config_error.hpp"
#include "cli/parser.hpp"
#include "cluster/curve_keys.hpp"
#include "cluster/local_processes.hpp"
#include "cluster/master_node.hpp"
#include "cluster/message_board.hpp"
#include "cluster/worker_node.hpp"
#include "control/command_line_start.hpp"
#include "control/controller.hpp"
#include "runtime/control_loop.hpp"
#include "runtime/crash_report.hpp"
#include "runtime/event_bus.hpp"
#include "runtime/host_services.hpp"
#include "runtime/signal_watchdog.hpp"
#include "runtime/startup.hpp"
#include "runtime/task_ratio.hpp"
#include "runtime/test_plan.hpp"
#include "web/html_report.hpp"
#include "web/ui_extensions.hpp"
#include "web/web_ui.hpp"

namespace {

#define LOCUSTPP_TEXT(x) #x
#define LOCUSTPP_NUMBER_TEXT(x) LOCUSTPP_TEXT(x)
constexpr const char* version_text =
    "locustpp " LOCUSTPP_VERSION
    " (plugin ABI " LOCUSTPP_NUMBER_TEXT(LOCUSTPP_ABI_MAJOR) "." LOCUSTPP_NUMBER_TEXT(LOCUSTPP_ABI_MINOR) ")";

// Locust's exit codes: 2 for what was typed wrong (argparse), 1 for the rest.
int configuration_error(const std::string& message, int exit_code = 1) {
  std::fprintf(stderr, "locustpp: error: %s\n", message.c_str());
  return exit_code;
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
    web::ui_extensions ui_extensions;  // tabs, rows and login that modules add to the web UI and the report
    state.extensions[LOCUSTPP_WEB_EXTENSION_ID] = &ui_extensions.install();
    cluster::message_board messages;  // modules' custom messages and report keys
    state.extensions[LOCUSTPP_CLUSTER_EXTENSION_ID] = &messages.install(state);
    const locustpp_host_api& host = runtime::install_host_services(state);
    plugin::extension_registrations* extensions[] = {&ui_extensions, &messages};  // forget a refused module
    std::size_t refused =
        runtime::load_modules(bootstrap.locustfiles, bootstrap.plugin_dirs, host, catalog, extensions);
    events.count_internal_errors(refused);  // a refused module: exit code 2 unless failures set one
    if (!catalog.argument_conflicts.empty()) {
      // Two modules want one option: no command line can serve both (Locust stops here too).
      return configuration_error(
          fmt::format("two modules declare the same argument: {}", fmt::join(catalog.argument_conflicts, "; ")));
    }
    events.fire(LOCUSTPP_EVENT_INIT_COMMAND_LINE_PARSER);
    if (bootstrap.help) return std::fputs(cli::help_text(catalog.arguments).c_str(), stdout), 0;
    cli::run_options options = cli::parse_options(args, env, cwd, catalog.arguments);
    runtime::configure_logging(options);
    for (const std::string& warning : options.warnings) spdlog::warn("{}", warning);
    runtime::publish_option_values(options, state);
    if (options.cluster_key_generate) {
      cluster::generate_key_file(*options.cluster_key_generate);
      return std::printf("Wrote a new cluster key to %s\n", options.cluster_key_generate->c_str()), 0;
    }
    if (options.list) return std::fputs(runtime::describe_modules(catalog).c_str(), stdout), refused > 0 ? 2 : 0;
    runtime::test_plan plan = runtime::make_test_plan(catalog, options);
    int listing_code = refused > 0 ? 2 : 0;  // a refused module is an error, even for a listing
    if (options.show_task_ratio) return std::fputs(runtime::task_ratio_text(plan).c_str(), stdout), listing_code;
    if (options.show_task_ratio_json) return std::fputs(runtime::task_ratio_json(plan).c_str(), stdout), listing_code;

    std::optional<cluster::curve_key_pair> cluster_key;  // read before the workers fork: all of them use it
    if (options.master || options.worker || options.processes != 0) cluster_key = cluster::cluster_key(options, env);
    cluster::local_processes processes = cluster::local_processes::fork_workers(options);
    if (processes.forked()) control.after_fork(!processes.is_parent());
    if (processes.is_parent() && options.worker) return processes.wait_for_workers();  // workers only

    state.runner_kind.store(options.worker   ? LOCUSTPP_RUNNER_WORKER
                            : options.master ? LOCUSTPP_RUNNER_MASTER
                                             : LOCUSTPP_RUNNER_LOCAL);
    runtime::raise_open_file_limit(options.worker ? 0 : options.users);  // a worker learns its users later
    control::controller controller(options, catalog, std::move(plan), events, state);
    std::optional<web::html_report_file> html_report;
    if (options.html_file) html_report.emplace(*options.html_file, options, ui_extensions, controller, events);
    std::unique_ptr<cluster::worker_node> worker;
    std::unique_ptr<cluster::master_node> master;
    if (options.worker) {
      worker =
          std::make_unique<cluster::worker_node>(options, catalog, controller, state, events, messages, cluster_key);
    }
    if (options.master) {
      master =
          std::make_unique<cluster::master_node>(options, catalog, controller, state, events, messages, cluster_key);
    }
    std::unique_ptr<web::web_ui> web_ui;
    if (!options.worker && !options.headless) {
      web_ui = std::make_unique<web::web_ui>(options, catalog, ui_extensions, controller, state);
    }
    runtime::install_signal_watchdog();  // signals still end the process if plugin code holds the control thread
    events.fire(LOCUSTPP_EVENT_INIT);
    spdlog::info("Starting Locust (locustpp {})", LOCUSTPP_VERSION);
    int code = controller.run([&] {
      if (worker) return worker->start();  // the master says what to run
      if (master) return master->when_workers_ready([&] { control::start_as_command_line_says(options, controller); });
      control::start_as_command_line_says(options, controller);
    });
    return processes.is_parent() ? processes.wait_for_children(code) : code;
  } catch (const cli::config_error& error) {
    return configuration_error(error.what(), error.exit_code());
  } catch (const std::exception& error) {
    return configuration_error(error.what());
  }
}
