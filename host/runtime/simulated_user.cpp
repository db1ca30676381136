// A simulated user's life (see simulated_user.hpp), following Locust's
// User.run / TaskSet.run: on_start, then pick → run → wait, forever, until
// stopped; nested task sets run until interrupted; on_stop on the way out.
#include "runtime/simulated_user.hpp"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <boost/asio/io_context.hpp>
#include <cmath>

#include "abi/abi_text.hpp"
#include "http/client_context.hpp"
#include "runtime/event_bus.hpp"
#include "runtime/worker.hpp"
#include "stats/request_sample.hpp"

namespace locustpp::runtime {
namespace {

using steady = std::chrono::steady_clock;

// A seed per user: std::random_device is read once per process (a read costs
// about 10 us, too much for every one of 20,000 users spawned), then mixed with
// the worker and the user's number there (splitmix64).
std::uint32_t user_seed(std::size_t worker_index, std::uint64_t id) {
  static const std::uint64_t process_seed = (std::uint64_t{std::random_device{}()} << 32) | std::random_device{}();
  std::uint64_t mixed = process_seed + (std::uint64_t{worker_index} << 40) + id * 0x9E3779B97F4A7C15ULL;
  mixed = (mixed ^ (mixed >> 30)) * 0xBF58476D1CE4E5B9ULL;
  mixed = (mixed ^ (mixed >> 27)) * 0x94D049BB133111EBULL;
  return static_cast<std::uint32_t>(mixed ^ (mixed >> 31));
}

}  // namespace

simulated_user::simulated_user(worker& owner, const plugin::user_class_model& user_class, std::size_t class_index,
                               const http::url* base, std::uint64_t id, std::uint64_t task_runs)
    : user_context(owner, base),
      class_(user_class),
      class_index_(class_index),
      id_(id),
      random_(user_seed(owner.index(), id)),
      task_runs_left_(task_runs) {}

simulated_user::~simulated_user() {
  // Normally empty by now; at shutdown, free what the plugin still holds.
  while (!stack_.empty()) {
    pop_frame();
  }
}

void simulated_user::begin() {
  if (!push_frame(class_.behaviour, nullptr)) return finish();
  const auto& root = class_.behaviour;
  if (root.on_start != nullptr) {
    return run_code(root.on_start, root.on_start_ctx, stack_.back().instance, phase::user_start, "on_start",
                    root.on_start_site);
  }
  next_task();
}

void simulated_user::pop_frame() {
  const frame& top = stack_.back();
  {
    plugin::code_site_guard destroying(top.set->instance_site);
    top.set->destroy(top.set->instance_ctx, top.instance);
  }
  stack_.pop_back();
}

bool simulated_user::push_frame(const plugin::task_set_model& set, void* parent) {
  char message[512];
  std::size_t size = 0;
  void* instance = nullptr;
  {
    plugin::code_site_guard creating(set.instance_site);
    instance = set.create(set.instance_ctx, handle(), parent, locustpp_error_buffer{message, sizeof(message), &size});
  }
  if (instance == nullptr) {
    report_user_error("constructor", size > 0 ? std::string(message, size) : "create_instance returned NULL");
    return false;
  }
  stack_.push_back({&set, instance, 0, steady::now()});
  return true;
}

// ---- running plugin code ----------------------------------------------------

void simulated_user::run_code(locustpp_start_fn start, void* start_ctx, void* instance, phase kind,
                              std::string_view label, const plugin::code_site& site) {
  phase_ = kind;
  running_ = true;
  run_label_ = label;
  running_site_ = &site;
  in_start_call_ = true;
  finished_in_start_ = false;
  auto keep_alive = self();
  void* token = nullptr;
  {
    plugin::code_site_guard running(site);
    token = start(start_ctx, instance, open_run());
  }
  in_start_call_ = false;
  if (finished_in_start_) return on_outcome(early_outcome_, early_message_);
  run_token_ = token;
}

void simulated_user::run_finished(std::int32_t outcome, std::string_view message) {
  if (!running_) return;  // a late report from aborted code
  running_ = false;
  run_token_ = nullptr;
  if (settle_pending_) report_request(LOCUSTPP_SETTLE_DEFAULT, {});
  if (in_start_call_) {
    finished_in_start_ = true;
    early_outcome_ = outcome;
    early_message_.assign(message);
    return;
  }
  on_outcome(outcome, std::string(message));
}

void simulated_user::on_outcome(std::int32_t outcome, const std::string& message) {
  if (phase_ == phase::teardown || phase_ == phase::set_stop) {
    if (outcome == LOCUSTPP_RUN_ERROR) report_user_error(run_label_, message);
    pop_frame();
    if (phase_ == phase::teardown) return teardown();
    if (stop_requested_) return teardown();
    return interrupt_reschedule_ ? schedule_now() : wait_then_next();
  }
  if (outcome == LOCUSTPP_RUN_STOP_TEST) {
    worker_.owner().post_to_control([owner = &worker_.owner()] { owner->on_stop_test_requested(); });
    return teardown();
  }
  if (outcome == LOCUSTPP_RUN_STOP_USER) return teardown();
  if (outcome == LOCUSTPP_RUN_ERROR) report_user_error(run_label_, message);
  // -i/--iterations: the user stops after its last allowed task run.
  if (phase_ == phase::task && task_runs_left_ > 0 && --task_runs_left_ == 0) stop_requested_ = true;
  if (phase_ == phase::user_start && outcome == LOCUSTPP_RUN_ERROR) {
    return finish();  // like a Locust user whose on_start raised: it ends
  }
  bool interrupt = outcome == LOCUSTPP_RUN_INTERRUPT || outcome == LOCUSTPP_RUN_INTERRUPT_WAIT;
  if (interrupt && stack_.size() > 1) return leave_set(outcome == LOCUSTPP_RUN_INTERRUPT);
  if (interrupt) spdlog::warn("{}: interrupt() outside a nested task set is ignored", class_.name);
  bool wait = phase_ == phase::task && outcome != LOCUSTPP_RUN_RESCHEDULE_NOW && outcome != LOCUSTPP_RUN_INTERRUPT;
  after_task(wait);
}

void simulated_user::after_task(bool wait) {
  phase_ = phase::idle;
  if (stop_requested_) return teardown();
  if (wait) return wait_then_next();
  schedule_now();
}

// ---- choosing the next task ---------------------------------------------------

std::uint32_t simulated_user::pick_task_index(frame& top) {
  const auto& tasks = top.set->tasks;
  if (top.set->sequential) {
    // Declaration order; a weight repeats the task that many times. The sum
    // of 32-bit weights needs 64 bits.
    std::uint64_t total = 0;
    for (const auto& task : tasks) total += task.weight;
    std::uint64_t position = top.next_in_order++ % total;
    for (std::uint32_t i = 0; i < tasks.size(); ++i) {
      if (position < tasks[i].weight) return i;
      position -= tasks[i].weight;
    }
    return 0;
  }
  std::uint64_t total = 0;
  for (const auto& task : tasks) total += task.weight;
  std::uint64_t ticket = std::uniform_int_distribution<std::uint64_t>(0, total - 1)(random_);
  for (std::uint32_t i = 0; i < tasks.size(); ++i) {
    if (ticket < tasks[i].weight) return i;
    ticket -= tasks[i].weight;
  }
  return 0;
}

void simulated_user::next_task() {
  if (stop_requested_) return teardown();
  frame& top = stack_.back();
  if (top.set->tasks.empty()) {
    spdlog::error("{}: task set '{}' has no tasks (after tag filtering?); the user stops", class_.name, top.set->name);
    return teardown();
  }
  const plugin::task_model& task = top.set->tasks[pick_task_index(top)];
  top.task_started = steady::now();
  if (task.nested) {
    if (!push_frame(*task.nested, top.instance)) return wait_then_next();
    const auto& set = *task.nested;
    if (set.on_start != nullptr) {
      return run_code(set.on_start, set.on_start_ctx, stack_.back().instance, phase::set_start, "on_start",
                      set.on_start_site);
    }
    return next_task();
  }
  run_code(task.start, task.start_ctx, top.instance, phase::task, task.name, task.site);
}

void simulated_user::leave_set(bool reschedule) {
  interrupt_reschedule_ = reschedule;
  const auto& set = *stack_.back().set;
  if (set.on_stop != nullptr) {
    return run_code(set.on_stop, set.on_stop_ctx, stack_.back().instance, phase::set_stop, "on_stop", set.on_stop_site);
  }
  pop_frame();
  if (stop_requested_) return teardown();
  reschedule ? schedule_now() : wait_then_next();
}

// ---- waiting ----------------------------------------------------------------

const locustpp_wait_time& simulated_user::effective_wait() const {
  for (auto it = stack_.rbegin(); it != stack_.rend(); ++it) {
    if (it->set->wait.kind != LOCUSTPP_WAIT_INHERIT) return it->set->wait;
  }
  return stack_.back().set->wait;  // INHERIT at the root: constant(0)
}

double simulated_user::wait_seconds(const frame& top) {
  const locustpp_wait_time& wait = effective_wait();
  const auto since_task_start = [&top] {  // only the pacing kinds need the clock
    return std::chrono::duration<double>(steady::now() - top.task_started).count();
  };
  switch (wait.kind) {
    case LOCUSTPP_WAIT_CONSTANT:
      return wait.a;
    case LOCUSTPP_WAIT_BETWEEN:
      return wait.a + std::uniform_real_distribution<double>(0, 1)(random_) * (wait.b - wait.a);
    case LOCUSTPP_WAIT_CONSTANT_PACING:
      return std::max(0.0, wait.a - since_task_start());
    case LOCUSTPP_WAIT_CONSTANT_THROUGHPUT:
      return wait.a > 0 ? std::max(0.0, 1.0 / wait.a - since_task_start()) : 0;
    case LOCUSTPP_WAIT_CUSTOM: {
      // The custom function belongs to the set that declared it.
      for (auto it = stack_.rbegin(); it != stack_.rend(); ++it) {
        if (&it->set->wait != &wait) continue;
        plugin::code_site_guard waiting(it->set->wait_site);
        return wait.custom(wait.custom_ctx, it->instance);
      }
      return 0;
    }
    default:
      return 0;
  }
}

void simulated_user::wait_then_next() {
  phase_ = phase::idle;
  double seconds = stack_.empty() ? 0 : wait_seconds(stack_.back());
  if (!(seconds > 0)) return schedule_now();
  timer_.expires_after(std::chrono::duration_cast<steady::duration>(std::chrono::duration<double>(seconds)));
  std::uint64_t generation = ++timer_generation_;
  timer_.async_wait([self = self(), generation](const boost::system::error_code&) {
    if (generation == self->timer_generation_) self->next_task();
  });
}

// Continues on the next turn of the event loop (a zero wait still yields,
// so one user never starves the others on its thread).
void simulated_user::schedule_now() {
  phase_ = phase::idle;
  worker_.resume_soon(self(), ++timer_generation_);
}

// ---- stopping -------------------------------------------------------------------

void simulated_user::stop(bool kill) {
  if (phase_ == phase::finished) return;
  bool was_stopping = stop_requested_;
  stop_requested_ = true;
  if (kill && killed_) {
    // Killed twice (shutdown): no more plugin code, just free everything.
    abort_running_code();
    while (!stack_.empty()) {
      pop_frame();
    }
    return finish();
  }
  if (kill) {
    killed_ = true;
    if (running_ && phase_ != phase::teardown) {
      bool in_set_on_stop = phase_ == phase::set_stop;
      abort_running_code();
      if (in_set_on_stop) {  // its on_stop was cut short: do not run it twice
        pop_frame();
      }
      return teardown();
    }
  }
  if (!running_ && !was_stopping) {
    cancel_timer();  // a pending wait or zero-wait turn is void now
    teardown();
  }
}

void simulated_user::abort_running_code() {
  cancel_pending_io();
  if (running_) {
    running_ = false;
    const auto* set = stack_.empty() ? nullptr : stack_.back().set;
    close_run();  // the plugin must not report this run any more
    if (set != nullptr && set->abort_run != nullptr && run_token_ != nullptr) {
      plugin::code_site_guard aborting(running_site_);  // destroys the task's frames
      set->abort_run(run_token_);
    }
    run_token_ = nullptr;
  }
}

void simulated_user::teardown() {
  phase_ = phase::teardown;
  stop_requested_ = true;
  while (!stack_.empty()) {
    const auto& set = *stack_.back().set;
    if (set.on_stop != nullptr) {
      return run_code(set.on_stop, set.on_stop_ctx, stack_.back().instance, phase::teardown, "on_stop",
                      set.on_stop_site);
    }
    pop_frame();
  }
  finish();
}

void simulated_user::finish() {
  if (phase_ == phase::finished) return;
  phase_ = phase::finished;
  cancel_timer();
  worker_.user_ended(*this);
}

void simulated_user::add_user_context(std::vector<std::pair<std::string, std::string>>& into) {
  if (class_.context == nullptr || stack_.empty()) return;
  plugin::code_site_guard in_context(class_.context_site);
  class_.context(
      stack_.front().instance,
      [](void* sink, locustpp_string key, locustpp_string value) {
        static_cast<std::vector<std::pair<std::string, std::string>>*>(sink)->emplace_back(view_of(key),
                                                                                           view_of(value));
      },
      &into);
}

void simulated_user::report_user_error(std::string_view where, const std::string& message) {
  worker_.events().count_user_error();
  std::string traceback = class_.name;
  for (std::size_t depth = 1; depth < stack_.size(); ++depth) traceback += "." + stack_[depth].set->name;
  traceback += ".";
  traceback += where;
  spdlog::error("{} raised: {}", traceback, message);
  locustpp_user_error_event event{sizeof(event), abi_of(class_.name), abi_of(where), abi_of(message),
                                  abi_of(traceback)};
  worker_.events().fire(LOCUSTPP_EVENT_USER_ERROR, &event);
  worker_.record_exception(message, traceback);
}

}  // namespace locustpp::runtime
