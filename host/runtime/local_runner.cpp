// The local runner (see local_runner.hpp). Everything here runs on the
// control thread; workers are reached by posting to them, and their
// statistics and liveness are read without waiting for them, so a worker
// stuck in plugin code never freezes the run, the outputs or the shutdown.
#include "runtime/local_runner.hpp"

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/asio/steady_timer.hpp>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <map>
#include <optional>
#include <thread>

#include "cli/config_error.hpp"
#include "net/source_addresses.hpp"
#include "runtime/class_picker.hpp"
#include "runtime/event_bus.hpp"
#include "runtime/many_names_warning.hpp"
#include "runtime/process_usage.hpp"
#include "runtime/run_outputs.hpp"
#include "runtime/test_plan.hpp"
#include "runtime/worker.hpp"
#include "runtime/worker_watchdog.hpp"
#include "stats/clock.hpp"
#include "timing/durations.hpp"

namespace locustpp::runtime {
namespace {

namespace asio = boost::asio;
using error_code = boost::system::error_code;
using steady = std::chrono::steady_clock;

// Killed users still run their on_stop (as in Locust); after this long the
// ones still in it are dropped without running any more plugin code.
constexpr steady::duration kill_grace_period = std::chrono::seconds(30);
// Users on a worker silent this long after the kill are left behind at once:
// their thread runs plugin code that does not yield.
constexpr steady::duration stuck_grace_period = std::chrono::seconds(2);
constexpr std::uint64_t default_usage_monitor_interval = 10;  // seconds: Locust's CPU_MONITOR_INTERVAL
constexpr double cpu_warning_percent = 90;

// LOCUSTPP_USAGE_MONITOR_INTERVAL (whole seconds) shortens it, for tests,
// the way Locust's tests patch CPU_MONITOR_INTERVAL.
std::uint64_t usage_monitor_interval() {
  const char* text = std::getenv("LOCUSTPP_USAGE_MONITOR_INTERVAL");
  long seconds_given = text != nullptr ? std::strtol(text, nullptr, 10) : 0;
  return seconds_given > 0 ? static_cast<std::uint64_t>(seconds_given) : default_usage_monitor_interval;
}

class local_runner final : public worker_owner, public run_control {
 public:
  local_runner(const cli::run_options& options, const plugin::catalog& catalog, test_plan plan, event_bus& events,
               host_state& state)
      : options_(options),
        catalog_(catalog),
        plan_(std::move(plan)),
        events_(events),
        state_(state),
        picker_(shares(plan_)),
        outputs_(options_, state.stats.registry()),
        workers_(make_workers()) {
    for (std::size_t i = 0; i < workers_.size(); ++i) spare_shards_.push_back(std::make_unique<stats::stats_shard>());
    if (!catalog_.shapes.empty()) shape_ = &catalog_.shapes.front();
  }

  // Runs the test on the calling (control) thread. Returns the exit code;
  // `left_stuck` tells whether a worker thread is still running plugin code
  // that never yielded (then the process must exit without joining it).
  int run(bool& left_stuck) {
    state_.runner = this;
    for (auto& w : workers_) w->start();
    wait_for_signal();
    state_.control.post([this] { start(); });
    io_.run();
    state_.runner = nullptr;
    left_stuck = false;
    for (std::size_t i = 0; i < workers_.size(); ++i) {
      if (abandoned_[i]) {
        left_stuck = true;
        continue;
      }
      workers_[i]->shut_down();
    }
    return exit_code();
  }

  // ---- worker_owner and run_control --------------------------------------------
  void post_to_control(std::function<void()> job) override { state_.control.post(std::move(job)); }
  void on_user_ended(std::size_t worker_index, std::size_t class_index) override {
    --users_on_worker_[worker_index];
    --active_users_;
    state_.user_count.store(static_cast<std::uint64_t>(active_users_));
    if (stopping_ && active_users_ == 0) return all_users_stopped();
    if (retiring_ > 0) {
      --retiring_;
      picker_.release(class_index);
    } else if (plan_.iterations > 0) {
      // A user done with its -i/--iterations is not replaced; the test ends
      // when every user is done.
      ++users_done_;
      if (active_users_ == 0 && reached_target_) {
        spdlog::info("All users finished their {} task runs: stopping", plan_.iterations);
        stop();
      }
    } else {
      picker_.release(class_index);
    }
  }
  void on_stop_test_requested() override { stop(); }
  void stop_requested() override { stop(); }
  void quit_requested() override { stop(); }

 private:
  std::vector<std::unique_ptr<worker>> make_workers() {
    http::client_settings http;
    http.connect_timeout = options_.connect_timeout;
    http.network_timeout = options_.network_timeout;
    http.max_redirects = options_.max_redirects;
    http.verify_tls = !options_.insecure;
    http.ca_file = options_.ca_file.value_or("");
    http.source_addresses = checked_source_addresses();
    std::size_t threads = options_.threads > 0 ? static_cast<std::size_t>(options_.threads)
                                               : std::max(1u, std::thread::hardware_concurrency());
    std::vector<std::unique_ptr<worker>> made;
    for (std::size_t i = 0; i < threads; ++i) {
      http.first_source = i;  // the threads start at different source addresses
      made.push_back(std::make_unique<worker>(i, *this, events_, http));
    }
    return made;
  }

  // --source-addresses, each checked to be an address of this machine before the test.
  std::vector<std::string> checked_source_addresses() const {
    for (const std::string& address : options_.source_ips) {
      if (std::string problem = net::bind_problem(address); !problem.empty()) {
        throw cli::config_error(fmt::format(
            "--source-addresses: cannot send from {} ({}): is it an address of this machine?", address, problem));
      }
    }
    return options_.source_ips;
  }

  static std::vector<class_share> shares(const test_plan& plan) {
    std::vector<class_share> result;
    for (const auto& planned : plan.classes) result.push_back({planned.model->weight, planned.model->fixed_count});
    return result;
  }

  void set_state(locustpp_runner_state state) { state_.runner_state.store(state); }

  // SIGINT/SIGTERM stop the test; a second one stops waiting for users.
  void wait_for_signal() {
    signals_.async_wait([this](error_code ec, int signal) {
      if (ec) return;
      if (!stopping_) {
        spdlog::info("Received signal {}: stopping the test", signal);
        stop();
      } else {
        spdlog::warn("Received signal {} again: not waiting for {} users any longer", signal, active_users_);
        leave_remaining_users();
      }
      if (!finished_) wait_for_signal();
    });
  }

  void start() {
    set_state(LOCUSTPP_STATE_SPAWNING);
    state_.stats.reset();
    started_ = steady::now();
    events_.fire(LOCUSTPP_EVENT_TEST_START);
    // Locust writes the first history row (no users, no requests) at once.
    outputs_.every_second(stats::epoch_seconds_now(), 0);
    for (std::size_t i = 0; i < catalog_.background_jobs.size(); ++i) {
      workers_[i % workers_.size()]->start_background(catalog_.background_jobs[i]);
    }
    tick(0);
    if (shape_ != nullptr) {
      spdlog::info("Load shape '{}' drives the test: -u, -r and -t are ignored", shape_->name);
      return tick_shape();
    }
    if (options_.run_time) {
      spdlog::info("Run time limit set to {} seconds", *options_.run_time);
      run_timer_.expires_after(timing::saturating_duration(*options_.run_time));
      run_timer_.async_wait([this](error_code ec) {
        if (ec) return;
        spdlog::info("--run-time limit reached, shutting down");
        stop();
      });
    }
    retarget(static_cast<std::size_t>(options_.users), options_.spawn_rate, {});
  }

  // ---- moving towards the target user count ----------------------------------

  void retarget(std::size_t users, double rate, std::vector<bool> allowed_classes) {
    bool changed = users != target_users_ || rate != spawn_rate_;
    target_users_ = users;
    spawn_rate_ = rate > 0 ? rate : 1;
    allowed_classes_ = std::move(allowed_classes);
    if (changed) {
      spdlog::info("Ramping to {} users at a rate of {:.2f} per second", users, spawn_rate_);
      spawn_timer_.cancel();
      reached_target_ = false;
      spawn_step();
    }
  }

  // Locust's dispatch: max(1, floor(rate)) users per step, one step every
  // batch/rate seconds, adding or retiring users until the target.
  void spawn_step() {
    if (stopping_) return;
    double per_step = std::floor(spawn_rate_);  // a huge -r adds everyone at once, without overflow
    std::size_t batch = per_step < 1      ? 1
                        : per_step >= 1e9 ? std::size_t{1'000'000'000}
                                          : static_cast<std::size_t>(per_step);
    std::size_t staying = static_cast<std::size_t>(active_users_) - retiring_ + users_done_;
    if (staying < target_users_) {
      std::size_t count = std::min(batch, target_users_ - staying);
      for (std::size_t i = 0; i < count; ++i) {
        if (!spawn_one()) break;
      }
    } else if (staying > target_users_) {
      std::size_t count = std::min(batch, staying - target_users_);
      for (std::size_t i = 0; i < count; ++i) workers_[(retire_cursor_++) % workers_.size()]->retire_users(1);
      retiring_ += count;
    }
    staying = static_cast<std::size_t>(active_users_) - retiring_ + users_done_;
    if (staying == target_users_) return target_reached();
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
      std::size_t staying = static_cast<std::size_t>(active_users_) - retiring_ + users_done_;
      spdlog::warn("All user classes have fixed counts, which add up to {} users: running {} instead of {}", staying,
                   staying, target_users_);
      target_users_ = staying;
      return false;
    }
    std::size_t index = *picked;
    const planned_class& planned = plan_.classes[index];
    std::size_t worker_index = spawned_ % workers_.size();
    ++spawned_;
    ++active_users_;
    ++users_on_worker_[worker_index];
    state_.user_count.store(static_cast<std::uint64_t>(active_users_));
    workers_[worker_index]->spawn(*planned.model, index, planned.base ? &*planned.base : nullptr, plan_.iterations);
    return true;
  }

  void target_reached() {
    if (reached_target_) return;
    reached_target_ = true;
    set_state(LOCUSTPP_STATE_RUNNING);
    spdlog::info("All users spawned: {} ({} total users)", users_per_class_json(), active_users_);
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
    for (std::size_t i = 0; i < plan_.classes.size(); ++i) by_name[plan_.classes[i].model->name] = picker_.counts()[i];
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
    locustpp_shape_tick tick{};
    tick.struct_size = sizeof(tick);
    tick.run_time = std::chrono::duration<double>(steady::now() - started_).count();
    tick.current_users = static_cast<std::uint64_t>(active_users_);
    char message[512];
    std::size_t size = 0;
    std::int32_t verdict = 0;
    {
      plugin::code_site_guard ticking(shape_->site);
      verdict = shape_->tick(shape_->ctx, &tick, locustpp_error_buffer{message, sizeof(message), &size});
    }
    if (verdict < 0) {
      events_.count_internal_errors();
      spdlog::error("load shape '{}' failed: {}; stopping the test", shape_->name, std::string_view(message, size));
      return stop();
    }
    if (verdict == 0) {
      spdlog::info("Load shape '{}' ended the test", shape_->name);
      return stop();
    }
    retarget(static_cast<std::size_t>(tick.users), tick.spawn_rate, allowed_by(tick));
    shape_timer_.expires_after(std::chrono::seconds(1));
    shape_timer_.async_wait([this](error_code ec) {
      if (!ec) tick_shape();
    });
  }

  std::vector<bool> allowed_by(const locustpp_shape_tick& tick) const {
    if (tick.user_classes == nullptr || tick.user_class_count == 0) return {};
    std::vector<bool> allowed(plan_.classes.size(), false);
    for (std::uint32_t i = 0; i < tick.user_class_count; ++i) {
      for (std::size_t c = 0; c < plan_.classes.size(); ++c) {
        if (tick.user_classes[i] != nullptr && plan_.classes[c].model->name == tick.user_classes[i]) allowed[c] = true;
      }
    }
    return allowed;
  }

  // ---- every second: statistics, outputs, usage, watchdog ------------------------

  void tick(std::uint64_t count) {
    tick_timer_.expires_after(std::chrono::seconds(1));
    tick_timer_.async_wait([this, count](error_code ec) {
      if (ec || finished_) return;
      collect();
      double now = stats::epoch_seconds_now();
      outputs_.every_second(now, active_users_);
      if (count % 2 == 1) outputs_.every_two_seconds(now);
      if ((count + 1) % usage_interval_ == 0) monitor_usage();
      watchdog_.tick();
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
    for (std::size_t i = 0; i < workers_.size(); ++i) {
      workers_[i]->swap_stats(spare_shards_[i]);
      state_.stats.merge(*spare_shards_[i]);
      spare_shards_[i]->clear();
    }
    if (std::string warning = many_names_warning_.check(state_.stats.registry()); !warning.empty()) {
      spdlog::warn("{}", warning);
    }
  }

  // ---- stopping --------------------------------------------------------------------

  void stop() {
    if (stopping_) return;
    stopping_ = true;
    spawn_timer_.cancel();
    shape_timer_.cancel();
    run_timer_.cancel();
    set_state(LOCUSTPP_STATE_STOPPING);
    events_.fire(LOCUSTPP_EVENT_TEST_STOPPING);
    if (active_users_ == 0) return all_users_stopped();
    for (auto& w : workers_) w->stop_users();
    // -s/--stop-timeout 0 (Locust's default) stops running users at once.
    stop_timer_.expires_after(timing::saturating_duration(options_.stop_timeout));
    stop_timer_.async_wait([this](error_code ec) {
      if (ec || active_users_ == 0) return;
      if (options_.stop_timeout > 0) spdlog::info("--stop-timeout reached: killing {} running users", active_users_);
      killed_ = true;
      for (auto& w : workers_) w->kill_users();
      stop_timer_.expires_after(kill_grace_period);
      stop_timer_.async_wait([this](error_code grace_ec) {
        if (grace_ec || finished_) return;
        spdlog::warn("{} users still in on_stop after {} s: dropping them", active_users_,
                     std::chrono::duration_cast<std::chrono::seconds>(kill_grace_period).count());
        leave_remaining_users();
      });
    });
  }

  // After the kill, users whose thread has not yielded for a while can only
  // be left behind; when they are all that remains, the run ends now.
  void leave_users_of_stuck_workers() {
    if (!killed_ || finished_) return;
    for (std::size_t i = 0; i < workers_.size(); ++i) {
      if (users_on_worker_[i] > 0 && watchdog_.silent_for(i) < stuck_grace_period) return;
    }
    leave_remaining_users();
  }

  // Ends the run without the users still running: those on responsive
  // threads are dropped, those on stuck threads abandoned with their thread
  // (the process then exits without joining it).
  void leave_remaining_users() {
    if (finished_) return;
    for (std::size_t i = 0; i < workers_.size(); ++i) {
      if (users_on_worker_[i] == 0) continue;
      if (watchdog_.silent_for(i) >= stuck_grace_period) {
        abandoned_[i] = true;
        events_.count_internal_errors();
        spdlog::error("{}: exiting without its {} users", watchdog_.describe(i), users_on_worker_[i]);
      } else {
        workers_[i]->kill_users();
        workers_[i]->kill_users();  // the second kill runs no more plugin code
      }
    }
    all_users_stopped();
  }

  void all_users_stopped() {
    if (finished_) return;
    finished_ = true;
    stop_timer_.cancel();
    tick_timer_.cancel();
    for (auto& w : workers_) w->stop_background();  // before the final collection
    set_state(LOCUSTPP_STATE_STOPPED);
    events_.fire(LOCUSTPP_EVENT_TEST_STOP);
    collect();
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
    if (state_.stats.registry().total().num_failures() > 0 || events_.user_errors() > 0) {
      return options_.exit_code_on_error;
    }
    if (events_.internal_errors() > 0 || !outputs_written_) return 2;
    return 0;
  }

  const cli::run_options& options_;
  const plugin::catalog& catalog_;
  test_plan plan_;
  event_bus& events_;
  host_state& state_;
  class_picker picker_;
  run_outputs outputs_;
  asio::io_context& io_ = state_.control.io();
  // The control loop waits for workers' posts with nothing of its own
  // pending; this keeps run() from returning until the final outputs.
  asio::executor_work_guard<asio::io_context::executor_type> keep_running_{asio::make_work_guard(io_)};
  process_usage usage_;
  std::uint64_t usage_interval_ = usage_monitor_interval();
  asio::steady_timer spawn_timer_{io_}, run_timer_{io_}, stop_timer_{io_}, tick_timer_{io_}, shape_timer_{io_};
  asio::signal_set signals_{io_, SIGINT, SIGTERM};
  std::vector<std::unique_ptr<worker>> workers_;                   // sized once, in the constructor
  std::vector<std::unique_ptr<stats::stats_shard>> spare_shards_;  // one per worker, swapped with its shard
  std::vector<int> users_on_worker_ = std::vector<int>(workers_.size(), 0);
  std::vector<bool> abandoned_ = std::vector<bool>(workers_.size(), false);  // left running plugin code
  worker_watchdog watchdog_{workers_};
  const plugin::shape_model* shape_ = nullptr;
  steady::time_point started_;
  std::size_t target_users_ = 0;
  double spawn_rate_ = 1;
  std::vector<bool> allowed_classes_;
  std::size_t spawned_ = 0;
  std::size_t retiring_ = 0;    // asked to stop by a ramp-down, not ended yet
  std::size_t users_done_ = 0;  // ended after their -i/--iterations: not replaced
  std::size_t retire_cursor_ = 0;
  int active_users_ = 0;
  bool reached_target_ = false;
  bool spawning_completed_ = false;
  many_names_warning many_names_warning_;
  bool cpu_warned_ = false;
  bool stopping_ = false;
  bool killed_ = false;
  bool finished_ = false;
  bool outputs_written_ = true;
};

}  // namespace

int run_local_test(const cli::run_options& options, const plugin::catalog& catalog, test_plan plan, event_bus& events,
                   host_state& state) {
  local_runner runner(options, catalog, std::move(plan), events, state);
  spdlog::info("Starting Locust (locustpp {})", LOCUSTPP_VERSION);
  bool left_stuck = false;
  int code = runner.run(left_stuck);
  spdlog::info("Shutting down (exit code {})", code);
  locustpp_quit_event payload{sizeof(locustpp_quit_event), code};
  events.fire(LOCUSTPP_EVENT_QUIT, &payload);
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

}  // namespace locustpp::runtime
