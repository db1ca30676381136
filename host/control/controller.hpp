// The one controller of a process (DESIGN §5a): it owns the worker threads,
// the runner's state machine (ready → spawning → running → stopping →
// stopped, and again) and the run's outputs, from start to quit. Its control
// API is the only way anything drives a test: the headless CLI, a load
// shape, the web UI and plugin code are all clients of it.
//
// Thread rules: every member function runs on the control thread (post to
// it from elsewhere); run() is that thread's loop. Asio stays in the .cpp.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "cli/run_options.hpp"
#include "control/chart_history.hpp"
#include "control/remote_users.hpp"
#include "control/test_request.hpp"
#include "locustpp/abi/host.h"
#include "plugin/catalog.hpp"
#include "runtime/config_users.hpp"
#include "runtime/host_services.hpp"
#include "runtime/test_plan.hpp"
#include "stats/stats_shard.hpp"

namespace locustpp::runtime {
class event_bus;
}

namespace locustpp::control {

class controller {
 public:
  // Throws cli::config_error for settings that cannot work (an address in
  // --source-addresses that is not this machine's) and report::output_error
  // for output files that cannot be written.
  controller(const cli::run_options& options, const plugin::catalog& catalog, runtime::test_plan plan,
             runtime::event_bus& events, runtime::host_state& state);
  ~controller();
  controller(const controller&) = delete;
  controller& operator=(const controller&) = delete;

  // Starts the worker threads, runs `first` on the control thread, then
  // serves the control loop until quit(). Returns the process exit code.
  int run(const std::function<void()>& first);

  // ---- the control API -------------------------------------------------------------
  // From ready or stopped: a new test (statistics cleared, test_start fired).
  // While spawning or running: a new target user count and spawn rate.
  // Returns "" on success, or why the request was refused.
  std::string start(const test_request& request);
  void stop();         // the test stops; the process stays (unless told to quit when stopped)
  void quit();         // stops a running test, then writes the outputs and ends run()
  void reset_stats();  // clears statistics, exceptions and chart history; fires reset_stats
  // Locust's /user: a class's weight, fixed count, host or tasks for the
  // next test. Refused ("" or why) while a test runs: its users use the class.
  std::string update_class(const runtime::class_settings& settings);
  // A worker node's spawn: absolute user counts per class (plan order),
  // reached at once (the master paces the ramp-up). Starts a test when none
  // runs, on `host` when given. Returns "" or why it was refused.
  std::string apply_class_targets(const std::vector<std::uint64_t>& targets, const std::optional<std::string>& host);
  // From now on every collection of the threads' statistics is also added to
  // `span` (a worker node's report since the last one); null stops it.
  void collect_reports_into(stats::stats_shard* span);
  // Called on the control thread when a test has stopped (not when quitting).
  void on_test_stopped(std::function<void()> listener);
  // ---- a master's users on its workers (remote_users.hpp) ---------------------------
  // From now on tests run on `remote` (it outlives the controller's run()).
  void use_remote_users(remote_users& remote);
  // The workers run `users` users; `target_reached` once the dispatch is done
  // and the workers confirmed it (or their wait expired).
  void remote_progress(std::uint64_t users, bool target_reached);
  // Every worker has stopped its users (or is gone).
  void remote_users_stopped();
  bool is_master() const noexcept;              // tests run on remote users
  std::vector<worker_summary> workers() const;  // a master's workers; empty otherwise
  // After each test ends: quit at once (0), after that many seconds, or stay (< 0).
  void quit_when_stopped(int after_seconds);
  // Called on the control thread when quit() is about to end run() (servers close).
  void on_quit(std::function<void()> listener);

  // ---- what clients read -----------------------------------------------------------
  locustpp_runner_state state() const;
  std::uint64_t user_count() const;
  std::uint64_t target_user_count() const;
  double spawn_rate() const;
  const std::string& host() const;  // the host of the current or last test ("" = the classes' own)
  const runtime::test_plan& plan() const;
  // Running users per class, in plan order.
  std::vector<std::uint64_t> users_per_class() const;
  const chart_history& history() const;
  const stats::stats_registry& registry() const;

 private:
  class impl;
  std::unique_ptr<impl> impl_;
};

}  // namespace locustpp::control
