// The one controller of a process (DESIGN §5a): it owns the runner's state
// machine (run_state.hpp), the test's pace (ramp), its user pool — this
// process's threads (local_users), or a master's workers (a user_pool the
// master hands it) — and the run's outputs and exit code, from start to
// quit. Its control API is the only way anything drives a test or changes
// the options and exit code: the headless CLI, a load shape, the web UI,
// the cluster nodes and plugin code are all clients of it.
//
// Thread rules: every member function runs on the control thread (post to
// it from elsewhere); run() is that thread's loop. Asio stays out of here.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "cli/run_options.hpp"
#include "control/chart_history.hpp"
#include "control/class_book.hpp"
#include "control/local_users.hpp"
#include "control/ramp.hpp"
#include "control/run_state.hpp"
#include "control/test_request.hpp"
#include "control/usage_monitor.hpp"
#include "control/user_pool.hpp"
#include "plugin/catalog.hpp"
#include "runtime/control_timer.hpp"
#include "runtime/host_services.hpp"
#include "runtime/many_names_warning.hpp"
#include "runtime/run_outputs.hpp"
#include "runtime/test_plan.hpp"
#include "stats/stats_shard.hpp"

namespace locustpp::control {

class controller final : private runtime::worker_owner, private runtime::run_control, private pool_listener {
 public:
  // Throws cli::config_error for settings that cannot work (an address in
  // --source-addresses that is not this machine's) and report::output_error
  // for output files that cannot be written.
  controller(const cli::run_options& options, const plugin::catalog& catalog, runtime::test_plan plan,
             runtime::event_bus& events, runtime::host_state& state);
  ~controller() override;
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
  // The run ends with `code` whatever its results say (a node that gave up).
  void set_exit_code(int code);
  // After each test ends: quit at once (0), after that many seconds, or stay (< 0).
  void quit_when_stopped(int after_seconds);
  // Called on the control thread when a test has stopped (not when quitting).
  void on_test_stopped(std::function<void()> listener);
  // Called on the control thread when quit() is about to end run() (servers close).
  void on_quit(std::function<void()> listener);
  // A worker node: from now on every collection of the threads' statistics
  // is also added to `span` (its report since the last one); null stops it.
  void collect_reports_into(stats::stats_shard* span) { report_span_ = span; }
  // A master: tests run on `pool` (its workers, outliving run()); the pool
  // tells the returned listener what became of its users.
  pool_listener& use_pool(user_pool& pool);

  // ---- what clients read -----------------------------------------------------------
  run_state state() const noexcept { return machine_.current(); }
  std::uint64_t user_count() const noexcept { return users_; }
  std::uint64_t target_user_count() const noexcept { return ramp_.target(); }
  double spawn_rate() const noexcept { return ramp_.rate(); }
  const std::string& host() const noexcept { return classes_.host(); }  // "" = the classes' own
  const runtime::test_plan& plan() const noexcept { return classes_.plan(); }
  std::vector<std::uint64_t> users_per_class() const { return pool_->users_per_class(); }  // plan order
  bool users_are_remote() const noexcept { return pool_ != &local_; }                      // a master
  std::vector<worker_summary> workers() const { return pool_->workers(); }  // a master's; empty otherwise
  const chart_history& history() const noexcept { return history_; }
  const stats::stats_registry& registry() const { return state_.stats.registry(); }

 private:
  // worker_owner, run_control: the threads and plugin code
  void post_to_control(std::function<void()> job) override;
  void on_user_ended(std::size_t thread_index, std::size_t class_index, bool asked_to_stop) override;
  void on_stop_test_requested() override { stop(); }
  void stop_requested() override { stop(); }
  void quit_requested() override { quit(); }
  // pool_listener: the pool
  void pool_users(std::uint64_t users, bool target_reached) override;
  void pool_stopped() override;
  void pool_changed(const std::string& why) override;
  void pool_finished() override;

  std::string check(const test_request& request, std::vector<bool>& allowed) const;
  void begin_test(const test_request& request);
  void schedule_stop(double seconds);
  void retarget(std::uint64_t users, double rate, std::vector<bool> allowed);
  void target_reached();
  std::string users_per_class_json() const;
  void tick_shape();
  void tick(std::uint64_t second);
  void collect();
  void quit_signal(int signal);
  void test_ended();
  void finish_quit();
  int exit_code() const;

  const cli::run_options& options_;
  const plugin::catalog& catalog_;
  class_book classes_;  // the plan, hosts and bases between tests
  runtime::event_bus& events_;
  runtime::host_state& state_;
  state_machine machine_{state_.runner_state};
  runtime::run_outputs outputs_;
  local_users local_;
  user_pool* pool_ = &local_;  // not owned when it is a master's workers
  ramp ramp_{state_.control};
  usage_monitor usage_{events_};
  runtime::control_timer run_timer_{state_.control}, shape_timer_{state_.control}, tick_timer_{state_.control},
      quit_timer_{state_.control};
  const plugin::shape_model* shape_ = nullptr;
  chart_history history_;
  runtime::many_names_warning many_names_warning_;
  std::vector<std::function<void()>> quit_listeners_, stopped_listeners_;
  stats::stats_shard* report_span_ = nullptr;  // not owned; see collect_reports_into
  std::chrono::steady_clock::time_point started_;
  std::uint64_t users_ = 0;  // as the pool last said
  int quit_after_stop_seconds_ = -1;
  bool reached_target_ = false;
  bool spawning_completed_ = false;  // once per test: --reset-stats
  bool shape_capped_ = false;        // a shape's user count was capped (said once)
  bool quitting_ = false;            // quit() was called: the test is ending and the process with it
  bool pool_quit_asked_ = false;
  bool quit_done_ = false;  // the outputs are written; run() returns
  bool outputs_written_ = true;
};

}  // namespace locustpp::control
