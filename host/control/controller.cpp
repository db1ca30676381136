// The controller (see controller.hpp). Everything here runs on the control
// thread; the threads are reached by posting to them, and their statistics
// and liveness are read without waiting for them, so a thread stuck in
// plugin code never freezes the run, the outputs or the shutdown.
#include "control/controller.hpp"

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include <climits>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <map>

#include "control/shape_tick.hpp"
#include "runtime/event_bus.hpp"
#include "runtime/signal_watchdog.hpp"
#include "stats/clock.hpp"

namespace locustpp::control {
namespace {

using steady = std::chrono::steady_clock;

// A worker prints no tables: its master does (it still prints its own summary at exit).
bool print_tables(const cli::run_options& options) {
  return !options.worker && (options.headless || options.print_stats);
}

}  // namespace

controller::controller(const cli::run_options& options, const plugin::catalog& catalog, runtime::test_plan plan,
                       runtime::event_bus& events, runtime::host_state& state)
    : options_(options),
      catalog_(catalog),
      classes_(std::move(plan), options.host),
      events_(events),
      state_(state),
      outputs_(options_, state.stats.registry(), print_tables(options)),
      local_(options_, classes_, events_, *this, *this, state_.control) {
  if (!catalog_.shapes.empty()) shape_ = &catalog_.shapes.front();
  // SIGINT/SIGTERM quit (stopping the test first); a second one stops
  // waiting for users. Set here, before main chains the signal watchdog in front.
  state_.control.on_quit_signals([this](int signal) { quit_signal(signal); });
  // The web UI's current percentiles, --csv-full-history and the report's charts read the last seconds.
  state_.stats.keep_recent_window(!options_.headless || options_.csv_full_history || options_.html_file);
}

controller::~controller() = default;

int controller::run(const std::function<void()>& first) {
  state_.runner = this;
  local_.threads().start();
  tick(0);
  state_.control.post(first);
  state_.control.run();
  state_.runner = nullptr;
  bool left_stuck = local_.threads().shut_down();
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

// ---- the control API -------------------------------------------------------------

std::string controller::check(const test_request& request, std::vector<bool>& allowed) const {
  if (quitting_) return "shutting down";
  if (state() == run_state::stopping) return "the test is stopping: start again when it has stopped";
  if (std::string problem = pool_->can_start(); !problem.empty()) return problem;
  if (std::string problem = classes_.select(request.user_classes, allowed); !problem.empty()) return problem;
  const std::size_t classes = classes_.plan().classes.size();
  if (request.class_targets && request.class_targets->size() != classes) {
    return fmt::format("{} class counts for {} classes", request.class_targets->size(), classes);
  }
  if (!(request.spawn_rate > 0) || !std::isfinite(request.spawn_rate)) return "spawn rate must be a number > 0";
  if (!users_are_remote() && request.users > static_cast<std::uint64_t>(options_.max_users_per_process)) {
    return fmt::format("{} users are more than one process runs (at most {}; --max-users-per-process sets it)",
                       request.users, options_.max_users_per_process);
  }
  return "";
}

std::string controller::start(const test_request& request) {
  std::vector<bool> allowed;
  if (std::string problem = check(request, allowed); !problem.empty()) return problem;
  const bool new_test = !test_active(state());
  if (new_test) {
    if (request.host && (!request.class_targets || !request.host->empty())) {
      if (std::string problem = classes_.use_host(*request.host); !problem.empty()) return problem;
    }
    begin_test(request);
  } else if (request.host && *request.host != classes_.host() && !request.class_targets) {
    spdlog::warn("A running test keeps its host ({}): stop it to change the host", classes_.describe_host());
  }
  if (request.class_targets) {
    // A worker node: its master paced the ramp already.
    reached_target_ = false;
    if (state() == run_state::running) machine_.move(run_state::spawning);
    local_.set_class_targets(*request.class_targets);
    pool_users(local_.users(), true);
    return "";
  }
  if (shape_ != nullptr) {
    if (!new_test) return fmt::format("load shape '{}' drives the user count of this test", shape_->name);
    spdlog::info("Load shape '{}' drives the test: users, spawn rate and run time are ignored", shape_->name);
    tick_shape();
    return "";
  }
  if (request.run_time) schedule_stop(*request.run_time);
  retarget(request.users, request.spawn_rate, std::move(allowed));
  return "";
}

void controller::stop() {
  if (state() != run_state::spawning && state() != run_state::running) return;
  machine_.move(run_state::stopping);
  ramp_.end();
  shape_timer_.cancel();
  run_timer_.cancel();
  events_.fire(LOCUSTPP_EVENT_TEST_STOPPING);
  pool_->stop();  // pool_stopped() follows
}

void controller::quit() {
  if (quitting_) return;
  quitting_ = true;
  local_.exiting_after_test(true);          // users given up on stay behind as the process exits
  if (test_active(state())) return stop();  // the test's end finishes the quit
  finish_quit();
}

void controller::reset_stats() {
  collect();  // what the threads hold goes too
  state_.stats.reset();
  history_.clear();
  events_.fire(LOCUSTPP_EVENT_RESET_STATS);
}

std::string controller::update_class(const runtime::class_settings& settings) {
  if (test_active(state())) return "a user class can change only while no test runs: stop the test first";
  if (std::string problem = classes_.update(settings); !problem.empty()) return problem;
  spdlog::info("User class {} changed", settings.user_class);
  pool_->class_updated(settings);
  return "";
}

void controller::set_exit_code(int code) {
  state_.exit_code_override.store(code);
}

void controller::quit_when_stopped(int after_seconds) {
  quit_after_stop_seconds_ = after_seconds;
  local_.exiting_after_test(after_seconds == 0);
}

void controller::on_test_stopped(std::function<void()> listener) {
  stopped_listeners_.push_back(std::move(listener));
}

void controller::on_quit(std::function<void()> listener) {
  quit_listeners_.push_back(std::move(listener));
}

pool_listener& controller::use_pool(user_pool& pool) {
  pool_ = &pool;
  return *this;
}

// ---- a test's life ---------------------------------------------------------------

// Everything of the last test goes; the threads stay.
void controller::begin_test(const test_request& request) {
  for (const auto& [name, values] : request.arguments) state_.options.set(name, values);  // test_start reads them
  reached_target_ = spawning_completed_ = false;
  ramp_.begin(*pool_, classes_.shares());
  quit_timer_.cancel();
  machine_.move(run_state::spawning);
  collect();
  state_.stats.reset();
  history_.clear();
  started_ = steady::now();
  events_.fire(LOCUSTPP_EVENT_TEST_START);
  // Locust writes the first history row (no users, no requests) at once.
  outputs_.every_second(stats::epoch_seconds_now(), 0);
  local_.threads().start_background(catalog_.background_jobs);
}

void controller::schedule_stop(double seconds) {
  spdlog::info("Run time limit set to {} seconds", seconds);
  run_timer_.after_seconds(seconds, [this] {
    spdlog::info("--run-time limit reached, shutting down");
    stop();
  });
}

void controller::retarget(std::uint64_t users, double rate, std::vector<bool> allowed) {
  if (!ramp_.changes(users, rate, allowed)) {
    if (state() == run_state::spawning && !reached_target_) target_reached();  // the target stands
    return;
  }
  reached_target_ = false;
  if (state() == run_state::running) machine_.move(run_state::spawning);
  ramp_.retarget(users, rate, std::move(allowed));
}

void controller::target_reached() {
  if (reached_target_ || state() != run_state::spawning) return;
  reached_target_ = true;
  machine_.move(run_state::running);
  std::uint64_t staying = 0;  // users still asked to stop by a ramp-down are not counted
  for (std::uint64_t count : users_per_class()) staying += count;
  spdlog::info("All users spawned: {} ({} total users)", users_per_class_json(), staying);
  // --reset-stats applies after the first ramp-up. Merge what the threads
  // hold first, so ramp-up requests still in their shards go too.
  if (options_.reset_stats && !spawning_completed_) {
    spdlog::info("Resetting stats");
    collect();
    state_.stats.reset();
  }
  spawning_completed_ = true;
  locustpp_count_event payload{sizeof(locustpp_count_event), users_};
  events_.fire(LOCUSTPP_EVENT_SPAWNING_COMPLETE, &payload);
}

// {"Admin": 2, "Shopper": 1}: running users per class, by class name, as Locust logs them.
std::string controller::users_per_class_json() const {
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

void controller::tick_shape() {
  if (state() != run_state::spawning && state() != run_state::running) return;
  double run_time = std::chrono::duration<double>(steady::now() - started_).count();
  shape_answer answer = ask_shape(*shape_, classes_.plan(), run_time, users_);
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
  if (!users_are_remote() && answer.users > most) {
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
  shape_timer_.after(std::chrono::seconds(1), [this] { tick_shape(); });
}

// ---- what the threads and the pool say --------------------------------------------

void controller::post_to_control(std::function<void()> job) {
  state_.control.post(std::move(job));
}

void controller::on_user_ended(std::size_t thread_index, std::size_t class_index, bool asked_to_stop) {
  local_.user_ended(thread_index, class_index, asked_to_stop);
}

void controller::pool_users(std::uint64_t users, bool target) {
  if (!test_active(state())) return;
  users_ = users;
  state_.user_count.store(users);
  if (target) target_reached();
}

void controller::pool_stopped() {
  users_ = 0;
  state_.user_count.store(0);
  if (state() == run_state::stopping) test_ended();
}

void controller::pool_changed(const std::string& why) {
  if (state() != run_state::spawning && state() != run_state::running) return;
  spdlog::info("Rebalancing users: {}", why);
  ramp_.redispatch();
}

void controller::pool_finished() {
  if (!reached_target_ || state() != run_state::running) return;
  spdlog::info("All users finished their {} task runs: stopping", classes_.plan().iterations);
  stop();
}

// ---- every second: statistics, outputs, usage, liveness, chart history -------------

void controller::tick(std::uint64_t second) {
  tick_timer_.after(std::chrono::seconds(1), [this, second] {
    tick(second + 1);  // first: what follows may end the run, and cancel it
    collect();
    double now = stats::epoch_seconds_now();
    outputs_.every_second(now, static_cast<int>(users_));
    if (second % 2 == 1 && test_active(state())) outputs_.every_two_seconds(now);
    if ((second + 1) % chart_history::interval_seconds == 0 && state() != run_state::stopped) {
      history_.add(state_.stats.registry(), now, users_);
    }
    usage_.tick(second, local_.threads().size());
    local_.every_second();
  });
}

// Merges what every thread recorded since the last call. Never waits for
// a thread: each hands its shard over under a spin lock.
void controller::collect() {
  local_.threads().collect_into(state_.stats, report_span_);
  if (std::string warning = many_names_warning_.check(state_.stats.registry()); !warning.empty()) {
    spdlog::warn("{}", warning);
  }
}

// ---- ending ------------------------------------------------------------------------

void controller::quit_signal(int signal) {
  runtime::signal_answered();  // the control thread is not held by plugin code
  if (!quitting_) {
    spdlog::info("Received signal {}: {}", signal, test_active(state()) ? "stopping the test" : "quitting");
    return quit();
  }
  spdlog::warn("Received signal {} again: not waiting for {} users any longer", signal, users_);
  if (state() == run_state::stopping) pool_->give_up_stopping();
}

// The test is over: state stopped, test_stop fired, statistics kept for
// reading until the next test starts.
void controller::test_ended() {
  local_.threads().stop_background();  // before the final collection
  machine_.move(run_state::stopped);
  events_.fire(LOCUSTPP_EVENT_TEST_STOP);
  collect();
  // The charts end where the test ended, however short it was.
  history_.add(state_.stats.registry(), stats::epoch_seconds_now(), 0);
  if (quitting_) return finish_quit();
  for (auto& listener : stopped_listeners_) listener();
  if (quit_after_stop_seconds_ == 0) return quit();
  if (quit_after_stop_seconds_ > 0) {
    spdlog::info("Quitting in {} seconds (--autoquit)", quit_after_stop_seconds_);
    quit_timer_.after(std::chrono::seconds(quit_after_stop_seconds_), [this] { quit(); });
  }
}

void controller::finish_quit() {
  if (quit_done_) return;
  if (state() != run_state::cleanup) machine_.move(run_state::cleanup);
  if (!pool_quit_asked_) {
    // A master's workers' last reports belong in the outputs: they quit first.
    pool_quit_asked_ = true;
    return pool_->quit([this] { finish_quit(); });
  }
  quit_done_ = true;
  tick_timer_.cancel();
  quit_timer_.cancel();
  collect();  // the listeners (a worker's last report) see everything
  for (auto& listener : quit_listeners_) listener();
  events_.fire(LOCUSTPP_EVENT_QUITTING, nullptr, true);
  outputs_written_ = outputs_.final(stats::epoch_seconds_now(), static_cast<int>(users_));
  state_.control.finish();
}

// Locust's order: the code a plugin or a node set; else --exit-code-on-error
// when a request failed or user code raised; else 2 for an internal error
// (or results that could not be saved); else 0.
int controller::exit_code() const {
  int overridden = state_.exit_code_override.load();
  if (overridden != INT_MIN) return overridden;
  if (state_.stats.registry().has_failures() || events_.user_errors() > 0) return options_.exit_code_on_error;
  if (events_.internal_errors() > 0 || !outputs_written_) return 2;
  return 0;
}

}  // namespace locustpp::control
