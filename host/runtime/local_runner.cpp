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
#include <thread>

#include "runtime/class_picker.hpp"
#include "runtime/event_bus.hpp"
#include "runtime/run_outputs.hpp"
#include "runtime/test_plan.hpp"
#include "runtime/worker.hpp"
#include "stats/clock.hpp"
#include "stats/stats_registry.hpp"

namespace locustpp::runtime {
namespace {

namespace asio = boost::asio;
using error_code = boost::system::error_code;

constexpr std::chrono::seconds kill_grace_period{30};

std::chrono::steady_clock::duration seconds(double value) {
  return std::chrono::duration_cast<std::chrono::steady_clock::duration>(std::chrono::duration<double>(value));
}

class local_runner final : public worker_owner {
 public:
  local_runner(const cli::run_options& options, test_plan plan, event_bus& events, host_state& state)
      : options_(options), plan_(std::move(plan)), events_(events), state_(state), picker_(shares(plan_)),
        outputs_(options_, registry_), spawn_timer_(io_), run_timer_(io_), stop_timer_(io_), tick_timer_(io_),
        signals_(io_, SIGINT, SIGTERM) {
    http::client_settings http{options.connect_timeout, options.network_timeout, options.max_redirects,
                               !options.insecure, options.ca_file.value_or("")};
    std::size_t threads = options.threads > 0 ? static_cast<std::size_t>(options.threads)
                                              : std::max(1u, std::thread::hardware_concurrency());
    for (std::size_t i = 0; i < threads; ++i) workers_.push_back(std::make_unique<worker>(i, *this, events_, http));
  }

  int run() {
    state_.request_stop = [this] { post_to_control([this] { stop(); }); };
    state_.request_quit = [this] { post_to_control([this] { stop(); }); };
    for (auto& w : workers_) w->start();
    signals_.async_wait([this](error_code ec, int signal) {
      if (ec) return;
      spdlog::info("Received signal {}: stopping the test", signal);
      stop();
    });
    asio::post(io_, [this] { start(); });
    io_.run();
    for (auto& w : workers_) w->shut_down();
    return exit_code();
  }

  // ---- worker_owner -----------------------------------------------------------
  void post_to_control(std::function<void()> job) override { asio::post(io_, std::move(job)); }
  void on_user_ended(std::size_t class_index) override {
    picker_.release(class_index);
    --active_users_;
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
    registry_.reset();
    events_.fire(LOCUSTPP_EVENT_TEST_START);
    spdlog::info("Ramping to {} users at a rate of {:.2f} per second", options_.users, options_.spawn_rate);
    if (options_.run_time) {
      run_timer_.expires_after(seconds(*options_.run_time));
      run_timer_.async_wait([this](error_code ec) {
        if (ec) return;
        spdlog::info("--run-time limit reached, shutting down");
        stop();
      });
    }
    tick(0);
    spawn_step();
  }

  // Locust's dispatch: max(1, floor(rate)) users per step, one step every
  // batch/rate seconds.
  void spawn_step() {
    if (stopping_) return;
    std::size_t batch = std::max<std::size_t>(1, static_cast<std::size_t>(std::floor(options_.spawn_rate)));
    for (std::size_t i = 0; i < batch && spawned_ < static_cast<std::size_t>(options_.users); ++i) spawn_one();
    if (spawned_ >= static_cast<std::size_t>(options_.users)) {
      set_state(LOCUSTPP_STATE_RUNNING);
      spdlog::info("All users spawned: {} total users", active_users_);
      // Merge what the workers hold first, so ramp-up requests still in
      // their shards are dropped too.
      if (options_.reset_stats) collect([this] { registry_.reset(); });
      locustpp_count_event payload{sizeof(locustpp_count_event), static_cast<std::uint64_t>(active_users_)};
      events_.fire(LOCUSTPP_EVENT_SPAWNING_COMPLETE, &payload);
      return;
    }
    spawn_timer_.expires_after(seconds(static_cast<double>(batch) / options_.spawn_rate));
    spawn_timer_.async_wait([this](error_code ec) {
      if (!ec) spawn_step();
    });
  }

  void spawn_one() {
    std::size_t index = picker_.next();
    const planned_class& planned = plan_.classes[index];
    worker& target = *workers_[spawned_ % workers_.size()];
    ++spawned_;
    ++active_users_;
    target.spawn(*planned.model, index, planned.base ? &*planned.base : nullptr);
  }

  // Statistics every second, console every 2 s, CSV every second.
  void tick(std::uint64_t count) {
    tick_timer_.expires_after(std::chrono::seconds(1));
    tick_timer_.async_wait([this, count](error_code ec) {
      if (ec || finished_) return;
      collect([this, count] {
        double now = stats::epoch_seconds_now();
        outputs_.every_second(now, active_users_);
        if (count % 2 == 1) outputs_.every_two_seconds(now);
      });
      tick(count + 1);
    });
  }

  // Merges every worker's shard, then calls `then` (control thread).
  void collect(std::function<void()> then) {
    auto remaining = std::make_shared<std::size_t>(workers_.size());
    for (auto& w : workers_) {
      w->collect_stats([this, remaining, then](stats::stats_shard& shard) {
        registry_.merge(shard);
        if (--*remaining == 0) then();
      });
    }
  }

  void stop() {
    if (stopping_) return;
    stopping_ = true;
    spawn_timer_.cancel();
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
    if (registry_.total().num_failures() > 0) return options_.exit_code_on_error;
    return 0;
  }

  asio::io_context io_{1};  // first: the timers below are built on it
  // The control loop waits for workers' posts with nothing of its own
  // pending; this keeps run() from returning until the final outputs.
  asio::executor_work_guard<asio::io_context::executor_type> keep_running_{asio::make_work_guard(io_)};
  const cli::run_options& options_;
  test_plan plan_;
  event_bus& events_;
  host_state& state_;
  class_picker picker_;
  stats::stats_registry registry_;
  run_outputs outputs_;
  asio::steady_timer spawn_timer_, run_timer_, stop_timer_, tick_timer_;
  asio::signal_set signals_;
  std::vector<std::unique_ptr<worker>> workers_;
  std::size_t spawned_ = 0;
  int active_users_ = 0;
  bool stopping_ = false;
  bool finished_ = false;
};

}  // namespace

int run_local_test(const cli::run_options& options, const plugin::catalog& catalog, event_bus& events,
                   host_state& state) {
  local_runner runner(options, make_test_plan(catalog, options), events, state);
  int code = runner.run();
  locustpp_quit_event payload{sizeof(locustpp_quit_event), code};
  events.fire(LOCUSTPP_EVENT_QUIT, &payload);
  return code;
}

}  // namespace locustpp::runtime
