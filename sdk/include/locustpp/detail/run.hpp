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
  struct promise_type : pooled_frame {
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

// Maps whatever user code threw to how its run ended; `message` explains
// LOCUSTPP_RUN_ERROR. Call inside a catch block.
inline locustpp_run_outcome outcome_of_current_exception(std::string& message) {
  try {
    throw;
  } catch (const stop_user&) {
    return LOCUSTPP_RUN_STOP_USER;
  } catch (const stop_test&) {
    return LOCUSTPP_RUN_STOP_TEST;
  } catch (const reschedule_task& reschedule) {
    return reschedule.immediately ? LOCUSTPP_RUN_RESCHEDULE_NOW : LOCUSTPP_RUN_RESCHEDULE;
  } catch (const interrupt_task_set& interrupt) {
    return interrupt.reschedule ? LOCUSTPP_RUN_INTERRUPT : LOCUSTPP_RUN_INTERRUPT_WAIT;
  } catch (...) {
    message = describe_current_exception();
    return LOCUSTPP_RUN_ERROR;
  }
}

inline root_run drive(task<> work, locustpp_run* run) {
  locustpp_run_outcome outcome = LOCUSTPP_RUN_DONE;
  std::string message;
  try {
    co_await std::move(work);
  } catch (...) {
    outcome = outcome_of_current_exception(message);
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
    // A task function that threw before becoming a coroutine.
    std::string message;
    locustpp_run_outcome outcome = outcome_of_current_exception(message);
    host().run_finished(run, outcome, to_abi(message));
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
