// The controller (see controller.hpp). Everything here runs on the control
// thread; workers are reached by posting to them, and their statistics and
// liveness are read without waiting for them, so a worker stuck in plugin
// code never freezes the run, the outputs or the shutdown.
#include "control/controller.hpp"

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/asio/steady_timer.hpp>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <limits>
#include <map>
#include <optional>

#include "control/class_book.hpp"
#include "control/runner_state.hpp"
#include "control/shape_tick.hpp"
#include "control/worker_pool.hpp"
#include "runtime/class_picker.hpp"
#include "runtime/event_bus.hpp"
#include "runtime/many_names_warning.hpp"
#include "runtime/process_usage.hpp"
#include "runtime/run_outputs.hpp"
#include "runtime/signal_watchdog.hpp"
#include "runtime/test_plan.hpp"
#include "stats/clock.hpp"
#include "timing/durations.hpp"

namespace locustpp::control {
namespace {

using namespace runtime;

namespace asio = boost::asio;
using error_code = boost::system::error_code;
using steady = std::chrono::steady_clock;

// Killed users still run their on_stop (as in Locust); after this long the
// ones still in it are dropped without running any more plugin code.
constexpr steady::duration kill_grace_period = std::chrono::seconds(30);
constexpr std::uint64_t default_usage_monitor_interval = 10;  // seconds: Locust's CPU_MONITOR_INTERVAL
constexpr double cpu_warning_percent = 90;

// LOCUSTPP_USAGE_MONITOR_INTERVAL (whole seconds) shortens it, for tests,
// the way Locust's tests patch CPU_MONITOR_INTERVAL.
std::uint64_t usage_monitor_interval() {
  const char* text = std::getenv("LOCUSTPP_USAGE_MONITOR_INTERVAL");
  long seconds_given = text != nullptr ? std::strtol(text, nullptr, 10) : 0;
  return seconds_given > 0 ? static_cast<std::uint64_t>(seconds_given) : default_usage_monitor_interval;
}

}  // namespace

class controller::impl final : public worker_owner, public run_control {
 public:
  impl(const cli::run_options& options, const plugin::catalog& catalog, test_plan plan, event_bus& events,
       host_state& state)
      : options_(options),
        catalog_(catalog),
        classes_(std::move(plan), options.host),
        events_(events),
        state_(state),
        picker_(classes_.shares()),
        outputs_(options_, state.stats.registry(), print_tables(options)),
        workers_(options_, *this, events_) {
    if (!catalog_.shapes.empty()) shape_ = &catalog_.shapes.front();
    // The web UI's current percentiles, --csv-full-history and the report's charts read the last seconds.
    state_.stats.keep_recent_window(!options_.headless || options_.csv_full_history || options_.html_file);
  }

  int run(const std::function<void()>& first) {
    state_.runner = this;
    workers_.start();
    wait_for_signal();
    tick(0);
    state_.control.post(first);
    io_.run();
    state_.runner = nullptr;
    bool left_stuck = workers_.shut_down();
    int code = exit_code();
    spdlog::info("Shutting down (exit code {})", code);
    locustpp_quit_event payload{sizeof(locustpp_quit_event), code};
    events_.fire(LOCUSTPP_EVENT_QUIT, &payload);
    if (left_stuck) {
      // A worker thread still runs plugin code that never yields: it cannot be
      // joined, and destructors must not pull its users away under it.
      spdlog::error("Not waiting for stuck worker threads");
      spdlog::default_logger()->flush();
      std::fflush(nullptr);
      std::_Exit(code);
    }
    return code;
  }

  // ---- the control API ---------------------------------------------------------

  std::string start(const test_request& request) {
    if (quitting_) return "shutting down";
    if (test_active_ && stopping_) return "the test is stopping: start again when it has stopped";
    if (remote_ != nullptr) {
      if (std::string problem = remote_->can_start(); !problem.empty()) return problem;
    }
    std::vector<bool> allowed;
    if (std::string problem = classes_.select(request.user_classes, allowed); !problem.empty()) return problem;
    if (!(request.spawn_rate > 0) || !std::isfinite(request.spawn_rate)) return "spawn rate must be a number > 0";
    if (remote_ == nullptr && request.users > static_cast<std::uint64_t>(options_.max_users_per_process)) {
      return fmt::format("{} users are more than one process runs (at most {}; --max-users-per-process sets it)",
                         request.users, options_.max_users_per_process);
    }
    if (test_active_) {
      if (shape_ != nullptr) return fmt::format("load shape '{}' drives the user count of this test", shape_->name);
      if (request.host && *request.host != classes_.host()) {
        spdlog::warn("A running test keeps its host ({}): stop it to change the host", classes_.describe_host());
      }
      if (request.run_time) schedule_stop(*request.run_time);
      retarget(static_cast<std::size_t>(request.users), request.spawn_rate, std::move(allowed));
      return "";
    }
    if (request.host) {
      if (std::string problem = classes_.use_host(*request.host); !problem.empty()) return problem;
    }
    begin_test();
    if (shape_ != nullptr) {
      spdlog::info("Load shape '{}' drives the test: users, spawn rate and run time are ignored", shape_->name);
      tick_shape();
      return "";
    }
    if (request.run_time) schedule_stop(*request.run_time);
    retarget(static_cast<std::size_t>(request.users), request.spawn_rate, std::move(allowed));
    return "";
  }

  void stop() {
    if (!test_active_ || stopping_) return;
    stopping_ = true;
    spawn_timer_.cancel();
    shape_timer_.cancel();
    run_timer_.cancel();
    set_state(LOCUSTPP_STATE_STOPPING);
    events_.fire(LOCUSTPP_EVENT_TEST_STOPPING);
    if (remote_ != nullptr) return remote_->stop();  // remote_users_stopped() follows
    if (active_users_ == 0) return all_users_stopped();
    workers_.stop_users();
    // -s/--stop-timeout 0 (Locust's default) stops running users at once.
    stop_timer_.expires_after(timing::saturating_duration(options_.stop_timeout));
    stop_timer_.async_wait([this](error_code ec) {
      if (ec || active_users_ == 0) return;
      if (options_.stop_timeout > 0) spdlog::info("--stop-timeout reached: killing {} running users", active_users_);
      killed_ = true;
      workers_.kill_users();
      stop_timer_.expires_after(kill_grace_period);
      stop_timer_.async_wait([this](error_code grace_ec) {
        if (grace_ec || !test_active_) return;
        spdlog::warn("{} users still in on_stop after {} s: dropping them", active_users_,
                     std::chrono::duration_cast<std::chrono::seconds>(kill_grace_period).count());
        leave_remaining_users();
      });
    });
  }

  void quit() {
    if (quitting_) return;
    quitting_ = true;
    if (test_active_) return stop();  // all_users_stopped() finishes the quit
    finish_quit();
  }

  void reset_stats() {
    collect();  // what the workers hold goes too
    state_.stats.reset();
    history_.clear();
    events_.fire(LOCUSTPP_EVENT_RESET_STATS);
  }

  std::string update_class(const class_settings& settings) {
    if (test_active_) return "a user class can change only while no test runs: stop the test first";
    std::string problem = classes_.update(settings);
    if (!problem.empty()) return problem;
    spdlog::info("User class {} changed", settings.user_class);
    if (remote_ != nullptr) remote_->class_updated(settings);
    return "";
  }

  std::string apply_class_targets(const std::vector<std::uint64_t>& targets, const std::optional<std::string>& host) {
    if (quitting_) return "shutting down";
    if (test_active_ && stopping_) return "the test is stopping";
    const std::size_t classes = classes_.plan().classes.size();
    if (targets.size() != classes) return fmt::format("{} class counts for {} classes", targets.size(), classes);
    if (!test_active_) {
      if (host && !host->empty()) {
        if (std::string problem = classes_.use_host(*host); !problem.empty()) return problem;
      }
      begin_test();
    }
    spawn_timer_.cancel();
    reached_target_ = false;
    class_retiring_.resize(classes, 0);
    std::size_t total = 0;
    for (std::size_t index = 0; index < classes; ++index) {
      const std::uint64_t now = picker_.counts()[index];
      const std::uint64_t wanted = targets[index];
      for (std::uint64_t added = now; added < wanted; ++added) {
        picker_.take(index);
        launch_user(index);
      }
      if (wanted < now) {
        std::size_t asked = workers_.retire_class(index, static_cast<std::size_t>(now - wanted));
        for (std::size_t i = 0; i < asked; ++i) picker_.release(index);
        class_retiring_[index] += asked;
      }
      total += static_cast<std::size_t>(wanted);
    }
    target_users_ = total;
    target_reached();
    return "";
  }

  void collect_reports_into(stats::stats_shard* span) { report_span_ = span; }

  void use_remote_users(remote_users& remote) { remote_ = &remote; }
  const remote_users* remote() const noexcept { return remote_; }
  void remote_progress(std::uint64_t users, bool reached) {
    if (!test_active_) return;
    active_users_ = static_cast<int>(users);
    state_.user_count.store(users);
    if (reached && !stopping_) target_reached();
  }
  void remote_users_stopped() {
    active_users_ = 0;
    state_.user_count.store(0);
    if (stopping_) all_users_stopped();
  }
  void on_test_stopped(std::function<void()> listener) { stopped_listeners_.push_back(std::move(listener)); }

  void quit_when_stopped(int after_seconds) { quit_after_stop_seconds_ = after_seconds; }
  void on_quit(std::function<void()> listener) { quit_listeners_.push_back(std::move(listener)); }

  // ---- what clients read -----------------------------------------------------------

  locustpp_runner_state state() const { return static_cast<locustpp_runner_state>(state_.runner_state.load()); }
  std::uint64_t user_count() const { return static_cast<std::uint64_t>(active_users_); }
  std::uint64_t target_user_count() const { return target_users_; }
  double spawn_rate() const { return spawn_rate_; }
  const std::string& host() const { return classes_.host(); }
  const test_plan& plan() const { return classes_.plan(); }
  std::vector<std::uint64_t> users_per_class() const {
    return remote_ != nullptr ? remote_->users_per_class() : picker_.counts();
  }
  const chart_history& history() const { return history_; }
  const stats::stats_registry& registry() const { return state_.stats.registry(); }

  // ---- worker_owner and run_control --------------------------------------------
  void post_to_control(std::function<void()> job) override { state_.control.post(std::move(job)); }
  void on_user_ended(std::size_t worker_index, std::size_t class_index) override {
    if (!workers_.user_ended(worker_index, class_index)) return;  // a user of a test that already ended without it
    --active_users_;
    state_.user_count.store(static_cast<std::uint64_t>(active_users_));
    if (stopping_ && active_users_ == 0) return all_users_stopped();
    if (class_index < class_retiring_.size() && class_retiring_[class_index] > 0) {
      --class_retiring_[class_index];  // retired by apply_class_targets, released then
    } else if (retiring_ > 0) {
      --retiring_;
      picker_.release(class_index);
    } else if (classes_.plan().iterations > 0) {
      // A user done with its -i/--iterations is not replaced; the test ends
      // when every user is done.
      ++users_done_;
      if (active_users_ == 0 && reached_target_) {
        spdlog::info("All users finished their {} task runs: stopping", classes_.plan().iterations);
        stop();
      }
    } else {
      picker_.release(class_index);
    }
  }
  void on_stop_test_requested() override { stop(); }
  void stop_requested() override { stop(); }
  void quit_requested() override { quit(); }

 private:
  // A worker prints no tables: its master does (it still prints its own summary at exit).
  static bool print_tables(const cli::run_options& options) {
    return !options.worker && (options.headless || options.print_stats);
  }

  void set_state(locustpp_runner_state state) { state_.runner_state.store(state); }

  // SIGINT/SIGTERM quit (stopping the test first); a second one stops waiting for users.
  void wait_for_signal() {
    signals_.async_wait([this](error_code ec, int signal) {
      if (ec) return;
      signal_answered();
      if (!quitting_) {
        spdlog::info("Received signal {}: {}", signal, test_active_ ? "stopping the test" : "quitting");
        quit();
      } else {
        spdlog::warn("Received signal {} again: not waiting for {} users any longer", signal, active_users_);
        leave_remaining_users();
      }
      if (!quit_done_) wait_for_signal();
    });
  }

  // Everything of the last test goes; the workers and their threads stay.
  void begin_test() {
    test_active_ = true;
    stopping_ = killed_ = reached_target_ = spawning_completed_ = false;
    target_users_ = std::numeric_limits<std::size_t>::max();  // so the first target is a change
    spawn_rate_ = 1;
    retiring_ = users_done_ = 0;
    picker_ = class_picker(classes_.shares());
    class_retiring_.assign(classes_.plan().classes.size(), 0);
    quit_timer_.cancel();
    set_state(LOCUSTPP_STATE_SPAWNING);
    collect();
    state_.stats.reset();
    history_.clear();
    started_ = steady::now();
    events_.fire(LOCUSTPP_EVENT_TEST_START);
    // Locust writes the first history row (no users, no requests) at once.
    outputs_.every_second(stats::epoch_seconds_now(), 0);
    workers_.start_background(catalog_.background_jobs);
  }

  void schedule_stop(double seconds) {
    spdlog::info("Run time limit set to {} seconds", seconds);
    run_timer_.expires_after(timing::saturating_duration(seconds));
    run_timer_.async_wait([this](error_code ec) {
      if (ec) return;
      spdlog::info("--run-time limit reached, shutting down");
      stop();
    });
  }

  // ---- moving towards the target user count ----------------------------------

  void retarget(std::size_t users, double rate, std::vector<bool> allowed_classes) {
    bool changed = users != target_users_ || rate != spawn_rate_;
    target_users_ = users;
    spawn_rate_ = rate > 0 ? rate : 1;
    allowed_classes_ = std::move(allowed_classes);
    if (changed) {
      spdlog::info("Ramping to {} users at a rate of {:.2f} per second", users, spawn_rate_);
      if (reached_target_ && state() == LOCUSTPP_STATE_RUNNING) set_state(LOCUSTPP_STATE_SPAWNING);
      spawn_timer_.cancel();
      reached_target_ = false;
      if (remote_ != nullptr) return remote_->ramp(users, spawn_rate_, classes_.shares(), allowed_classes_);
      spawn_step();
    }
  }

  std::size_t staying_users() const { return static_cast<std::size_t>(active_users_) - retiring_ + users_done_; }

  // Locust's dispatch: max(1, floor(rate)) users per step, one step every
  // batch/rate seconds, adding or retiring users until the target.
  void spawn_step() {
    if (stopping_) return;
    double per_step = std::floor(spawn_rate_);  // a huge -r adds everyone at once, without overflow
    std::size_t batch = per_step < 1      ? 1
                        : per_step >= 1e9 ? std::size_t{1'000'000'000}
                                          : static_cast<std::size_t>(per_step);
    std::size_t staying = staying_users();
    if (staying < target_users_) {
      std::size_t count = std::min(batch, target_users_ - staying);
      for (std::size_t i = 0; i < count; ++i) {
        if (!spawn_one()) break;
      }
    } else if (staying > target_users_) {
      std::size_t count = std::min(batch, staying - target_users_);
      for (std::size_t i = 0; i < count; ++i) workers_.next_for_retirement().retire_users(1);
      retiring_ += count;
    }
    if (staying_users() == target_users_) return target_reached();
    spawn_timer_.expires_after(timing::saturating_duration(static_cast<double>(batch) / spawn_rate_));
    spawn_timer_.async_wait([this](error_code ec) {
      if (!ec) spawn_step();
    });
  }

  // Spawns the next user; false when no class may have another one (only
  // fixed_count classes, all full): the target is then what they add up to,
  // as with Locust's dispatcher.
  bool spawn_one() {
    std::optional<std::size_t> picked = picker_.next(allowed_classes_.empty() ? nullptr : &allowed_classes_);
    if (!picked) {
      std::size_t staying = staying_users();
      spdlog::warn("All user classes have fixed counts, which add up to {} users: running {} instead of {}", staying,
                   staying, target_users_);
      target_users_ = staying;
      return false;
    }
    launch_user(*picked);
    return true;
  }

  // A user of class `index` (already counted by the picker) on the next thread.
  void launch_user(std::size_t index) {
    const planned_class& planned = classes_.plan().classes[index];
    ++active_users_;
    state_.user_count.store(static_cast<std::uint64_t>(active_users_));
    workers_.place_user(index).spawn(*planned.model, index, classes_.base(index), classes_.plan().iterations);
  }

  void target_reached() {
    if (reached_target_) return;
    reached_target_ = true;
    set_state(LOCUSTPP_STATE_RUNNING);
    std::uint64_t staying = 0;  // users still asked to stop by a ramp-down are not counted
    for (std::uint64_t count : users_per_class()) staying += count;
    spdlog::info("All users spawned: {} ({} total users)", users_per_class_json(), staying);
    // --reset-stats applies after the first ramp-up. Merge what the workers
    // hold first, so ramp-up requests still in their shards go too.
    if (options_.reset_stats && !spawning_completed_) {
      spdlog::info("Resetting stats");
      collect();
      state_.stats.reset();
    }
    spawning_completed_ = true;
    locustpp_count_event payload{sizeof(locustpp_count_event), static_cast<std::uint64_t>(active_users_)};
    events_.fire(LOCUSTPP_EVENT_SPAWNING_COMPLETE, &payload);
  }

  // {"Admin": 2, "Shopper": 1}: running users per class, by class name, as Locust logs them.
  std::string users_per_class_json() const {
    std::map<std::string, std::uint64_t> by_name;
    std::vector<std::uint64_t> counts = users_per_class();
    for (std::size_t i = 0; i < classes_.plan().classes.size() && i < counts.size(); ++i)
      by_name[classes_.plan().classes[i].model->name] = counts[i];
    std::string json = "{";
    for (const auto& [name, count] : by_name) {
      if (json.size() > 1) json += ", ";
      json += fmt::format("\"{}\": {}", name, count);
    }
    return json + "}";
  }
  // ---- load shape ----------------------------------------------------------------

  void tick_shape() {
    if (stopping_) return;
    double run_time = std::chrono::duration<double>(steady::now() - started_).count();
    shape_answer answer = ask_shape(*shape_, classes_.plan(), run_time, static_cast<std::uint64_t>(active_users_));
    switch (answer.kind) {
      case shape_answer::verdict::failed:
        events_.count_internal_errors();
        spdlog::error("load shape '{}' failed: {}; stopping the test", shape_->name, answer.error);
        return stop();
      case shape_answer::verdict::end:
        spdlog::info("Load shape '{}' ended the test", shape_->name);
        return stop();
      case shape_answer::verdict::target:
        break;
    }
    const auto most = static_cast<std::uint64_t>(options_.max_users_per_process);
    if (remote_ == nullptr && answer.users > most) {
      if (!shape_capped_) {
        spdlog::error(
            "Load shape '{}' asked for {} users, more than one process runs: running {} "
            "(--max-users-per-process sets it)",
            shape_->name, answer.users, most);
      }
      shape_capped_ = true;
      answer.users = most;
    }
    retarget(answer.users, answer.spawn_rate, std::move(answer.allowed));
    shape_timer_.expires_after(std::chrono::seconds(1));
    shape_timer_.async_wait([this](error_code ec) {
      if (!ec) tick_shape();
    });
  }

  // ---- every second: statistics, outputs, usage, watchdog, chart history ---------

  void tick(std::uint64_t count) {
    tick_timer_.expires_after(std::chrono::seconds(1));
    tick_timer_.async_wait([this, count](error_code ec) {
      if (ec || quit_done_) return;
      collect();
      double now = stats::epoch_seconds_now();
      outputs_.every_second(now, active_users_);
      if (count % 2 == 1 && test_active_) outputs_.every_two_seconds(now);
      if ((count + 1) % chart_history::interval_seconds == 0 && state() != LOCUSTPP_STATE_STOPPED) {
        history_.add(state_.stats.registry(), now, static_cast<std::uint64_t>(active_users_));
      }
      if ((count + 1) % usage_interval_ == 0) monitor_usage();
      workers_.watch();
      if (stopping_) leave_users_of_stuck_workers();
      tick(count + 1);
    });
  }

  void monitor_usage() {
    usage_sample sample = usage_.sample();
    locustpp_usage_event payload{sizeof(locustpp_usage_event), sample.cpu_percent, sample.rss_bytes};
    events_.fire(LOCUSTPP_EVENT_USAGE_MONITOR, &payload);
    // Each worker thread can use one core: warn when they are saturated on
    // average, since a saturated generator inflates every latency it reports.
    if (sample.cpu_percent / static_cast<double>(workers_.size()) > cpu_warning_percent) {
      if (!cpu_warned_) spdlog::warn("CPU usage above {}%! Response times may be inflated", cpu_warning_percent);
      cpu_warned_ = true;
      events_.fire(LOCUSTPP_EVENT_CPU_WARNING, &payload);
    }
  }

  // Merges what every worker recorded since the last call. Never waits for
  // a worker: each hands its shard over under a spin lock.
  void collect() {
    workers_.collect_into(state_.stats, report_span_);
    if (std::string warning = many_names_warning_.check(state_.stats.registry()); !warning.empty()) {
      spdlog::warn("{}", warning);
    }
  }

  // ---- stopping --------------------------------------------------------------------

  // After the kill, users whose thread has not yielded for a while can only
  // be left behind; when they are all that remains, the test ends now.
  void leave_users_of_stuck_workers() {
    if (killed_ && test_active_ && workers_.only_stuck_users_remain()) leave_remaining_users();
  }

  // Ends the test without the users still running: those on responsive
  // threads are dropped, those on stuck threads abandoned with their thread
  // (no user goes there again; the process exits without joining it).
  void leave_remaining_users() {
    if (!test_active_) return;
    active_users_ -= workers_.leave_users(quitting_ || quit_after_stop_seconds_ == 0, events_);
    state_.user_count.store(static_cast<std::uint64_t>(active_users_));
    all_users_stopped();
  }

  // The test is over: state stopped, test_stop fired, statistics kept for
  // reading until the next test starts.
  void all_users_stopped() {
    if (!test_active_) return;
    test_active_ = false;
    // No user runs any more: every class count is 0 (the last user to end
    // reaches here before its class is released; a worker reports these).
    picker_ = class_picker(classes_.shares());
    class_retiring_.assign(classes_.plan().classes.size(), 0);
    stop_timer_.cancel();
    workers_.stop_background();  // before the final collection
    set_state(LOCUSTPP_STATE_STOPPED);
    events_.fire(LOCUSTPP_EVENT_TEST_STOP);
    collect();
    // The charts end where the test ended, however short it was.
    history_.add(state_.stats.registry(), stats::epoch_seconds_now(), 0);
    if (quitting_) return finish_quit();
    for (auto& listener : stopped_listeners_) listener();
    if (quit_after_stop_seconds_ == 0) return quit();
    if (quit_after_stop_seconds_ > 0) {
      spdlog::info("Quitting in {} seconds (--autoquit)", quit_after_stop_seconds_);
      quit_timer_.expires_after(std::chrono::seconds(quit_after_stop_seconds_));
      quit_timer_.async_wait([this](error_code ec) {
        if (!ec) quit();
      });
    }
  }

  void finish_quit() {
    if (quit_done_) return;
    if (remote_ != nullptr && !remote_quit_asked_) {
      // The workers' last reports belong in the outputs: ask them to quit first.
      remote_quit_asked_ = true;
      quitting_ = true;
      return remote_->quit([this] { finish_quit(); });
    }
    quit_done_ = true;
    quitting_ = true;
    tick_timer_.cancel();
    quit_timer_.cancel();
    collect();  // the listeners (a worker's last report) see everything
    for (auto& listener : quit_listeners_) listener();
    events_.fire(LOCUSTPP_EVENT_QUITTING, nullptr, true);
    outputs_written_ = outputs_.final(stats::epoch_seconds_now(), active_users_);
    signals_.cancel();
    keep_running_.reset();
  }

  // Locust's order: the code a plugin set; else --exit-code-on-error when a
  // request failed or user code raised; else 2 for an internal error (or
  // results that could not be saved); else 0.
  int exit_code() const {
    int overridden = state_.exit_code_override.load();
    if (overridden != INT_MIN) return overridden;
    if (state_.stats.registry().has_failures() || events_.user_errors() > 0) {
      return options_.exit_code_on_error;
    }
    if (events_.internal_errors() > 0 || !outputs_written_) return 2;
    return 0;
  }

  const cli::run_options& options_;
  const plugin::catalog& catalog_;
  class_book classes_;  // the plan, hosts and bases between tests
  event_bus& events_;
  host_state& state_;
  class_picker picker_;
  run_outputs outputs_;
  asio::io_context& io_ = state_.control.io();
  // The control loop may wait for workers' posts with nothing of its own
  // pending; this keeps run() from returning until quit.
  asio::executor_work_guard<asio::io_context::executor_type> keep_running_{asio::make_work_guard(io_)};
  process_usage usage_;
  std::uint64_t usage_interval_ = usage_monitor_interval();
  asio::steady_timer spawn_timer_{io_}, run_timer_{io_}, stop_timer_{io_}, tick_timer_{io_}, shape_timer_{io_},
      quit_timer_{io_};
  asio::signal_set signals_{io_, SIGINT, SIGTERM};
  worker_pool workers_;
  const plugin::shape_model* shape_ = nullptr;
  chart_history history_;
  std::vector<std::function<void()>> quit_listeners_, stopped_listeners_;
  stats::stats_shard* report_span_ = nullptr;  // not owned; see collect_reports_into
  remote_users* remote_ = nullptr;             // not owned; a master's workers
  bool remote_quit_asked_ = false;
  std::vector<std::size_t> class_retiring_;  // per class: retired by apply_class_targets, not ended yet
  int quit_after_stop_seconds_ = -1;
  steady::time_point started_;
  std::size_t target_users_ = 0;
  double spawn_rate_ = 1;
  std::vector<bool> allowed_classes_;
  std::size_t retiring_ = 0;    // asked to stop by a ramp-down, not ended yet
  std::size_t users_done_ = 0;  // ended after their -i/--iterations: not replaced
  int active_users_ = 0;
  bool test_active_ = false;  // from start() until every user of the test has ended
  bool reached_target_ = false;
  bool spawning_completed_ = false;
  many_names_warning many_names_warning_;
  bool cpu_warned_ = false;
  bool shape_capped_ = false;  // a shape's user count was capped (said once)
  bool stopping_ = false;
  bool killed_ = false;
  bool quitting_ = false;   // quit() was called: the test is ending and the process with it
  bool quit_done_ = false;  // the outputs are written; run() returns
  bool outputs_written_ = true;
};

controller::controller(const cli::run_options& options, const plugin::catalog& catalog, test_plan plan,
                       event_bus& events, host_state& state)
    : impl_(std::make_unique<impl>(options, catalog, std::move(plan), events, state)) {}
controller::~controller() = default;

int controller::run(const std::function<void()>& first) {
  return impl_->run(first);
}
std::string controller::start(const test_request& request) {
  return impl_->start(request);
}
void controller::stop() {
  impl_->stop();
}
void controller::quit() {
  impl_->quit();
}
void controller::reset_stats() {
  impl_->reset_stats();
}
std::string controller::update_class(const runtime::class_settings& settings) {
  return impl_->update_class(settings);
}
std::string controller::apply_class_targets(const std::vector<std::uint64_t>& targets,
                                            const std::optional<std::string>& host) {
  return impl_->apply_class_targets(targets, host);
}
void controller::collect_reports_into(stats::stats_shard* span) {
  impl_->collect_reports_into(span);
}
void controller::on_test_stopped(std::function<void()> listener) {
  impl_->on_test_stopped(std::move(listener));
}
void controller::use_remote_users(remote_users& remote) {
  impl_->use_remote_users(remote);
}
void controller::remote_progress(std::uint64_t users, bool target_reached) {
  impl_->remote_progress(users, target_reached);
}
void controller::remote_users_stopped() {
  impl_->remote_users_stopped();
}
bool controller::is_master() const noexcept {
  return impl_->remote() != nullptr;
}
std::vector<worker_summary> controller::workers() const {
  return impl_->remote() != nullptr ? impl_->remote()->workers() : std::vector<worker_summary>{};
}
void controller::quit_when_stopped(int after_seconds) {
  impl_->quit_when_stopped(after_seconds);
}
void controller::on_quit(std::function<void()> listener) {
  impl_->on_quit(std::move(listener));
}
locustpp_runner_state controller::state() const {
  return impl_->state();
}
std::uint64_t controller::user_count() const {
  return impl_->user_count();
}
std::uint64_t controller::target_user_count() const {
  return impl_->target_user_count();
}
double controller::spawn_rate() const {
  return impl_->spawn_rate();
}
const std::string& controller::host() const {
  return impl_->host();
}
const test_plan& controller::plan() const {
  return impl_->plan();
}
std::vector<std::uint64_t> controller::users_per_class() const {
  return impl_->users_per_class();
}
const chart_history& controller::history() const {
  return impl_->history();
}
const stats::stats_registry& controller::registry() const {
  return impl_->registry();
}

}  // namespace locustpp::control
