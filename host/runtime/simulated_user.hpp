// One simulated user: runs its class's task tree (on_start, weighted or
// sequential tasks, nested task sets, waits, on_stop) and owns its HTTP
// session. Lives on one worker thread; every member runs on that thread.
#pragma once

#include <boost/asio/steady_timer.hpp>
#include <chrono>
#include <memory>
#include <random>
#include <string>
#include <utility>
#include <vector>

#include "http/http_session.hpp"
#include "plugin/catalog.hpp"

namespace locustpp::runtime {

class worker;

class simulated_user : public std::enable_shared_from_this<simulated_user> {
 public:
  simulated_user(worker& owner, const plugin::user_class_model& user_class, std::size_t class_index,
                 const http::url* base, std::uint64_t id);
  ~simulated_user();

  void begin();
  // kill == false: stop after the current task (now, if waiting);
  // kill == true: abort the running code first (stop timeout reached).
  void stop(bool kill);
  std::size_t class_index() const noexcept { return class_index_; }
  std::size_t slot = 0;  // position in the worker's user list

  // ---- host services, called from plugin code on this user's thread ----
  static simulated_user& from(locustpp_user* handle) noexcept { return *reinterpret_cast<simulated_user*>(handle); }
  static simulated_user& from(locustpp_run* run) noexcept { return *reinterpret_cast<simulated_user*>(run); }
  void run_finished(std::int32_t outcome, std::string_view message);
  void http_request(const locustpp_http_request& request, locustpp_http_callback callback, void* callback_ctx);
  void http_settle(std::uint64_t request_id, std::int32_t outcome, std::string_view failure,
                   const locustpp_pair* context, std::uint32_t context_count);
  void sleep(double seconds, void (*callback)(void*), void* callback_ctx);

 private:
  enum class phase { idle, user_start, set_start, task, set_stop, teardown, finished };
  struct frame {
    const plugin::task_set_model* set;
    void* instance;
    std::size_t next_in_order = 0;                 // sequential sets
    std::chrono::steady_clock::time_point task_started;  // for constant_pacing
  };

  locustpp_user* handle() noexcept { return reinterpret_cast<locustpp_user*>(this); }
  locustpp_run* run_handle() noexcept { return reinterpret_cast<locustpp_run*>(this); }

  void run_code(locustpp_start_fn start, void* start_ctx, void* instance, phase kind, std::string_view label);
  void on_outcome(std::int32_t outcome, const std::string& message);
  void after_task(bool wait);
  void next_task();
  bool push_frame(const plugin::task_set_model& set, void* parent);
  void leave_set(bool reschedule);
  void teardown();
  void finish();
  void abort_running_code();
  void wait_then_next();
  void schedule_now();
  double wait_seconds(const frame& top);
  const locustpp_wait_time& effective_wait() const;
  void report_user_error(std::string_view where, const std::string& message);
  void report_request(std::int32_t outcome, std::string_view failure);
  static void on_http_done(void* self) noexcept;
  std::uint32_t pick_task_index(frame& top);

  worker& worker_;
  const plugin::user_class_model& class_;
  std::size_t class_index_;
  const http::url* base_;
  std::uint64_t id_;
  http::http_session session_;
  boost::asio::steady_timer timer_;   // waits between tasks, and sleeps
  std::uint64_t timer_generation_ = 0;
  std::minstd_rand random_;

  std::vector<frame> stack_;
  phase phase_ = phase::idle;
  bool running_ = false;              // plugin code started and not finished
  void* run_token_ = nullptr;
  std::string_view run_label_;        // the task's name, or "on_start"/"on_stop" (static or model-owned)
  bool in_start_call_ = false;
  bool finished_in_start_ = false;
  std::int32_t early_outcome_ = 0;
  std::string early_message_;
  bool interrupt_reschedule_ = false;  // the interrupted set's parent goes on at once
  bool stop_requested_ = false;
  bool killed_ = false;

  // The request awaiting http_settle (catch_response).
  locustpp_http_callback http_callback_ = nullptr;
  void* http_callback_ctx_ = nullptr;
  bool catching_ = false;             // the request in flight is catch_response
  bool settle_pending_ = false;
  std::vector<std::pair<std::string, std::string>> request_context_;
};

}  // namespace locustpp::runtime
