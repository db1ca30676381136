// The local runner (see local_runner.hpp). Everything here runs on the
// control thread; workers are reached by posting to them.
#include "runtime/local_runner.hpp"

#include <spdlog/spdlog.h>

#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/asio/steady_timer.hpp>
#include <cmath>
#include <cstdlib>
#include <optional>
#include <thread>

#include "runtime/class_picker.hpp"
#include "runtime/event_bus.hpp"
#include "runtime/live_stats.hpp"
#include "runtime/process_usage.hpp"
#include "runtime/run_outputs.hpp"
#include "runtime/test_plan.hpp"
#include "runtime/worker.hpp"
#include "stats/clock.hpp"

namespace locustpp::runtime {
namespace {

namespace asio = boost::asio;
using error_code = boost::system::error_code;

constexpr std::chrono::seconds kill_grace_period{30};
constexpr std::uint64_t default_usage_monitor_interval = 10;  // seconds: Locust's CPU_MONITOR_INTERVAL

// LOCUSTPP_USAGE_MONITOR_INTERVAL (whole seconds) shortens it, for tests,
// the way Locust's tests patch CPU_MONITOR_INTERVAL.
std::uint64_t usage_monitor_interval() {
  const char* text = std::getenv("LOCUSTPP_USAGE_MONITOR_INTERVAL");
  long seconds_given = text != nullptr ? std::strtol(text, nullptr, 10) : 0;
  return seconds_given > 0 ? static_cast<std::uint64_t>(seconds_given) : default_usage_monitor_interval;
}
constexpr double cpu_warning_percent = 90;

std::chrono::steady_clock::duration seconds(double value) {
  return std::chrono::duration_cast<std::chrono::steady_clock::duration>(std::chrono::duration<double>(value));
}

class local_runner final : public worker_owner {
 public:
  local_runner(const cli::run_options& options, const plugin::catalog& catalog, test_plan plan, event_bus& events,
               host_state& state)
      : options_(options), catalog_(catalog), plan_(std::move(plan)), events_(events), state_(state),
        picker_(shares(plan_)), outputs_(options_, stats_.registry()), spawn_timer_(io_), run_timer_(io_),
        stop_timer_(io_), tick_timer_(io_), signals_(io_, SIGINT, SIGTERM) {
    http::client_settings http{options.connect_timeout, options.network_timeout, options.max_redirects,
                               !options.insecure, options.ca_file.value_or("")};
    std::size_t threads = options.threads > 0 ? static_cast<std::size_t>(options.threads)
                                              : std::max(1u, std::thread::hardware_concurrency());
    for (std::size_t i = 0; i < threads; ++i) workers_.push_back(std::make_unique<worker>(i, *this, events_, http));
    if (!catalog_.shapes.empty()) shape_ = &catalog_.shapes.front();
  }

  int run() {
    state_.request_stop = [this] { post_to_control([this] { stop(); }); };
    state_.request_quit = [this] { post_to_control([this] { stop(); }); };
    state_.read_stats = [this](std::string_view name, std::string_view method, locustpp_stats_view& view) {
      return stats_.read(name, method, view);
    };
    state_.read_percentile = [this](std::string_view name, std::string_view method, double fraction) {
      return stats_.percentile(name, method, fraction);
    };
    state_.record_off_thread = [this](const stats::request_sample& sample) { stats_.record_off_thread(sample); };
    state_.fire_off_thread = [this](locustpp_event_kind kind, const void* payload) { events_.fire(kind, payload); };
    for (auto& w : workers_) w->start();
    signals_.async_wait([this](error_code ec, int signal) {
      if (ec) return;
      spdlog::info("Received signal {}: stopping the test", signal);
      stop();
    });
    asio::post(io_, [this] { start(); });
    io_.run();
    for (auto& w : workers_) w->shut_down();
    state_.read_stats = nullptr;
    state_.read_percentile = nullptr;
    state_.record_off_thread = nullptr;
    state_.fire_off_thread = nullptr;
    return exit_code();
  }

  // ---- worker_owner -----------------------------------------------------------
  void post_to_control(std::function<void()> job) override { asio::post(io_, std::move(job)); }
  void on_user_ended(std::size_t class_index) override {
    picker_.release(class_index);
    --active_users_;
    if (retiring_ > 0) --retiring_;
    state_.user_count.store(static_cast<std::uint64_t>(active_users_));
    if (stopping_ && active_users_ == 0) all_users_stopped();
  }
  void on_stop_test_requested() override { stop(); }

 private:
  static std::vector<class_share> shares(const test_plan& plan) {
    std::vector<class_share> result;
    for (const auto& planned : plan.classes) result.push_back({planned.model->weight, planned.model->fixed_count});
    return result;
  }

  void set_state(locustpp_runner_state state) { state_.runner_state.store(state); }

  void start() {
    set_state(LOCUSTPP_STATE_SPAWNING);
    stats_.reset();
    started_ = std::chrono::steady_clock::now();
    events_.fire(LOCUSTPP_EVENT_TEST_START);
    for (std::size_t i = 0; i < catalog_.background_jobs.size(); ++i) {
      workers_[i % workers_.size()]->start_background(catalog_.background_jobs[i]);
    }
    tick(0);
    if (shape_ != nullptr) {
      spdlog::info("Load shape '{}' drives the test: -u, -r and -t are ignored", shape_->name);
      return tick_shape();
    }
    if (options_.run_time) {
      run_timer_.expires_after(seconds(*options_.run_time));
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
    std::size_t batch = std::max<std::size_t>(1, static_cast<std::size_t>(std::floor(spawn_rate_)));
    std::size_t staying = static_cast<std::size_t>(active_users_) - retiring_;
    if (staying < target_users_) {
      std::size_t count = std::min(batch, target_users_ - staying);
      for (std::size_t i = 0; i < count; ++i) spawn_one();
    } else if (staying > target_users_) {
      std::size_t count = std::min(batch, staying - target_users_);
      for (std::size_t i = 0; i < count; ++i) workers_[(retire_cursor_++) % workers_.size()]->retire_users(1);
      retiring_ += count;
    }
    staying = static_cast<std::size_t>(active_users_) - retiring_;
    if (staying == target_users_) return target_reached();
    spawn_timer_.expires_after(seconds(static_cast<double>(batch) / spawn_rate_));
    spawn_timer_.async_wait([this](error_code ec) {
      if (!ec) spawn_step();
    });
  }

  void spawn_one() {
    std::size_t index = picker_.next(allowed_classes_.empty() ? nullptr : &allowed_classes_);
    const planned_class& planned = plan_.classes[index];
    worker& target = *workers_[spawned_ % workers_.size()];
    ++spawned_;
    ++active_users_;
    state_.user_count.store(static_cast<std::uint64_t>(active_users_));
    target.spawn(*planned.model, index, planned.base ? &*planned.base : nullptr);
  }

  void target_reached() {
    if (reached_target_) return;
    reached_target_ = true;
    set_state(LOCUSTPP_STATE_RUNNING);
    spdlog::info("All users spawned: {} total users", active_users_);
    // --reset-stats applies after the first ramp-up. Merge what the workers
    // hold first, so ramp-up requests still in their shards go too.
    if (options_.reset_stats && !spawning_completed_) collect([this] { stats_.reset(); });
    spawning_completed_ = true;
    locustpp_count_event payload{sizeof(locustpp_count_event), static_cast<std::uint64_t>(active_users_)};
    events_.fire(LOCUSTPP_EVENT_SPAWNING_COMPLETE, &payload);
  }

  // ---- load shape ----------------------------------------------------------------

  void tick_shape() {
    if (stopping_) return;
    locustpp_shape_tick tick{};
    tick.struct_size = sizeof(tick);
    tick.run_time = std::chrono::duration<double>(std::chrono::steady_clock::now() - started_).count();
    tick.current_users = static_cast<std::uint64_t>(active_users_);
    char message[512];
    std::size_t size = 0;
    std::int32_t verdict = shape_->tick(shape_->ctx, &tick, locustpp_error_buffer{message, sizeof(message), &size});
    if (verdict < 0) {
      events_.count_plugin_failure();
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

  // ---- every second: statistics, outputs, usage -------------------------------------

  void tick(std::uint64_t count) {
    tick_timer_.expires_after(std::chrono::seconds(1));
    tick_timer_.async_wait([this, count](error_code ec) {
      if (ec || finished_) return;
      collect([this, count] {
        double now = stats::epoch_seconds_now();
        outputs_.every_second(now, active_users_);
        if (count % 2 == 1) outputs_.every_two_seconds(now);
      });
      if ((count + 1) % usage_interval_ == 0) monitor_usage();
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

  // Merges every worker's shard, then calls `then` (control thread).
  void collect(std::function<void()> then) {
    auto remaining = std::make_shared<std::size_t>(workers_.size());
    for (auto& w : workers_) {
      w->collect_stats([this, remaining, then](stats::stats_shard& shard) {
        stats_.merge(shard);
        if (--*remaining == 0) then();
      });
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
    stop_timer_.expires_after(seconds(options_.stop_timeout));
    stop_timer_.async_wait([this](error_code ec) {
      if (ec || active_users_ == 0) return;
      if (options_.stop_timeout > 0) spdlog::info("--stop-timeout reached: killing {} running users", active_users_);
      for (auto& w : workers_) w->kill_users();
      force_stop_after_grace();
    });
  }

  // Killed users still run their on_stop (as in Locust); one that hangs
  // must not hang the process, so after a grace period they are dropped
  // without running any more plugin code.
  void force_stop_after_grace() {
    stop_timer_.expires_after(kill_grace_period);
    stop_timer_.async_wait([this](error_code ec) {
      if (ec || active_users_ == 0) return;
      spdlog::warn("{} users still in on_stop after {} s: dropping them", active_users_, kill_grace_period.count());
      for (auto& w : workers_) w->kill_users();
    });
  }

  void all_users_stopped() {
    if (finished_) return;
    finished_ = true;
    stop_timer_.cancel();
    tick_timer_.cancel();
    for (auto& w : workers_) w->stop_background();  // before the final collection
    set_state(LOCUSTPP_STATE_STOPPED);
    events_.fire(LOCUSTPP_EVENT_TEST_STOP);
    collect([this] {
      events_.fire(LOCUSTPP_EVENT_QUITTING, nullptr, true);
      outputs_.final(stats::epoch_seconds_now(), active_users_);
      signals_.cancel();
      keep_running_.reset();
    });
  }

  int exit_code() const {
    int overridden = state_.exit_code_override.load();
    if (overridden != INT_MIN) return overridden;
    if (events_.plugin_failures() > 0) return 2;
    if (stats_.registry().total().num_failures() > 0) return options_.exit_code_on_error;
    return 0;
  }

  asio::io_context io_{1};  // first: the timers below are built on it
  // The control loop waits for workers' posts with nothing of its own
  // pending; this keeps run() from returning until the final outputs.
  asio::executor_work_guard<asio::io_context::executor_type> keep_running_{asio::make_work_guard(io_)};
  const cli::run_options& options_;
  const plugin::catalog& catalog_;
  test_plan plan_;
  event_bus& events_;
  host_state& state_;
  class_picker picker_;
  live_stats stats_;
  run_outputs outputs_;
  process_usage usage_;
  std::uint64_t usage_interval_ = usage_monitor_interval();
  asio::steady_timer spawn_timer_, run_timer_, stop_timer_, tick_timer_;
  asio::steady_timer shape_timer_{io_};
  asio::signal_set signals_;
  std::vector<std::unique_ptr<worker>> workers_;
  const plugin::shape_model* shape_ = nullptr;
  std::chrono::steady_clock::time_point started_;
  std::size_t target_users_ = 0;
  double spawn_rate_ = 1;
  std::vector<bool> allowed_classes_;
  std::size_t spawned_ = 0;
  std::size_t retiring_ = 0;     // asked to stop by a ramp-down, not ended yet
  std::size_t retire_cursor_ = 0;
  int active_users_ = 0;
  bool reached_target_ = false;
  bool spawning_completed_ = false;
  bool cpu_warned_ = false;
  bool stopping_ = false;
  bool finished_ = false;
};

}  // namespace

int run_local_test(const cli::run_options& options, const plugin::catalog& catalog, event_bus& events,
                   host_state& state) {
  local_runner runner(options, catalog, make_test_plan(catalog, options), events, state);
  int code = runner.run();
  locustpp_quit_event payload{sizeof(locustpp_quit_event), code};
  events.fire(LOCUSTPP_EVENT_QUIT, &payload);
  return code;
}

}  // namespace locustpp::runtime
