// locustpp C++ SDK (internal) — starts a user's task<> for the host and
// reports how it ended through host().run_finished(). This is where C++
// exceptions stop: nothing thrown in user code crosses the ABI.
#pragma once

#include <coroutine>
#include <exception>
#include <string>
#include <typeinfo>

#include "locustpp/control.hpp"
#include "locustpp/host.hpp"
#include "locustpp/task.hpp"

namespace locustpp::detail {

// The coroutine that owns one started task. It is destroyed when it ends
// (final_suspend never suspends) or when the host aborts it.
struct root_run {
  struct promise_type {
    bool* finished_flag = nullptr;  // set while start_run() is on the stack
    root_run get_return_object() noexcept {
      return {std::coroutine_handle<promise_type>::from_promise(*this)};
    }
    std::suspend_always initial_suspend() noexcept { return {}; }
    std::suspend_never final_suspend() noexcept {
      if (finished_flag != nullptr) *finished_flag = true;
      return {};
    }
    void return_void() noexcept {}
    void unhandled_exception() noexcept { std::terminate(); }  // drive() catches all
  };
  std::coroutine_handle<promise_type> handle;
};

inline std::string describe_current_exception() {
  try {
    throw;
  } catch (const std::exception& error) {
    return error.what();
  } catch (...) {
    return "unknown exception";
  }
}

inline root_run drive(task<> work, locustpp_run* run) {
  locustpp_run_outcome outcome = LOCUSTPP_RUN_DONE;
  std::string message;
  try {
    co_await std::move(work);
  } catch (const stop_user&) {
    outcome = LOCUSTPP_RUN_STOP_USER;
  } catch (const stop_test&) {
    outcome = LOCUSTPP_RUN_STOP_TEST;
  } catch (const reschedule_task& reschedule) {
    outcome = reschedule.immediately ? LOCUSTPP_RUN_RESCHEDULE_NOW : LOCUSTPP_RUN_RESCHEDULE;
  } catch (const interrupt_task_set& interrupt) {
    outcome = interrupt.reschedule ? LOCUSTPP_RUN_INTERRUPT : LOCUSTPP_RUN_INTERRUPT_WAIT;
  } catch (...) {
    outcome = LOCUSTPP_RUN_ERROR;
    message = describe_current_exception();
  }
  host().run_finished(run, outcome, to_abi(message));
}

// Starts `make()` (a callable returning task<>) as the body of `run`.
// Returns the abort token, or nullptr when the task already finished.
template <class MakeTask>
void* start_run(locustpp_run* run, MakeTask&& make) noexcept {
  task<> work;
  try {
    work = make();
  } catch (...) {
    std::string message = describe_current_exception();
    host().run_finished(run, LOCUSTPP_RUN_ERROR, to_abi(message));
    return nullptr;
  }
  bool finished = false;
  root_run root = drive(std::move(work), run);
  root.handle.promise().finished_flag = &finished;
  root.handle.resume();
  if (finished) return nullptr;
  root.handle.promise().finished_flag = nullptr;
  return root.handle.address();
}

// locustpp_abort_fn: destroys an unfinished run and every frame it awaits.
inline void abort_run(void* token) noexcept {
  if (token != nullptr) std::coroutine_handle<root_run::promise_type>::from_address(token).destroy();
}

}  // namespace locustpp::detail
