// One simulated user: runs its class's task tree (on_start, weighted or
// sequential tasks, nested task sets, waits, on_stop) and owns its HTTP
// session. Lives on one worker thread; every member runs on that thread.
#pragma once

#include <chrono>
#include <memory>
#include <random>
#include <string>
#include <utility>
#include <vector>

#include "plugin/catalog.hpp"
#include "runtime/user_context.hpp"

namespace locustpp::runtime {

class worker;

class simulated_user final : public user_context {
 public:
  // `task_runs`: the user stops after that many task runs (-i/--iterations); 0 = no limit.
  simulated_user(worker& owner, const plugin::user_class_model& user_class, std::size_t class_index,
                 const http::url* base, std::uint64_t id, std::uint64_t task_runs);
  ~simulated_user();

  void begin();
  // kill == false: stop after the current task (now, if waiting);
  // kill == true: abort the running code first (stop timeout reached).
  void stop(bool kill);
  std::size_t class_index() const noexcept { return class_index_; }
  bool stopping() const noexcept { return stop_requested_; }
  std::size_t slot = 0;  // position in the worker's user list

  void run_finished(std::int32_t outcome, std::string_view message) override;
  // Picks the next task unless the user moved on since `generation` was
  // queued (worker::resume_soon).
  void resume(std::uint64_t generation) {
    if (generation == timer_generation_) next_task();
  }

 protected:
  void add_user_context(std::vector<std::pair<std::string, std::string>>& into) override;

 private:
  enum class phase { idle, user_start, set_start, task, set_stop, teardown, finished };
  struct frame {
    const plugin::task_set_model* set;
    void* instance;
    std::uint64_t next_in_order = 0;                     // sequential sets
    std::chrono::steady_clock::time_point task_started;  // for constant_pacing
  };

  std::shared_ptr<simulated_user> self() { return std::static_pointer_cast<simulated_user>(shared_from_this()); }
  void run_code(locustpp_start_fn start, void* start_ctx, void* instance, phase kind, std::string_view label,
                const plugin::code_site& site);
  void on_outcome(std::int32_t outcome, const std::string& message);
  void after_task(bool wait);
  void next_task();
  bool push_frame(const plugin::task_set_model& set, void* parent);
  void pop_frame();  // destroys the innermost instance
  void leave_set(bool reschedule);
  void teardown();
  void finish();
  void abort_running_code();
  void wait_then_next();
  void schedule_now();
  double wait_seconds(const frame& top);
  const locustpp_wait_time& effective_wait() const;
  void report_user_error(std::string_view where, const std::string& message);
  std::uint32_t pick_task_index(frame& top);

  const plugin::user_class_model& class_;
  std::size_t class_index_;
  std::uint64_t id_;
  std::minstd_rand random_;

  std::vector<frame> stack_;
  phase phase_ = phase::idle;
  bool running_ = false;  // plugin code started and not finished
  void* run_token_ = nullptr;
  std::string_view run_label_;  // the task's name, or "on_start"/"on_stop" (static or model-owned)
  bool in_start_call_ = false;
  bool finished_in_start_ = false;
  std::int32_t early_outcome_ = 0;
  std::string early_message_;
  bool interrupt_reschedule_ = false;  // the interrupted set's parent goes on at once
  bool stop_requested_ = false;
  std::uint64_t task_runs_left_;  // 0 = no limit
  bool killed_ = false;
};

}  // namespace locustpp::runtime
