// locustpp C++ SDK — the classes user code derives from:
//   struct shopper : locustpp::user { locustpp::task<> browse(); };
//   struct checkout : locustpp::task_set { locustpp::task<> pay(); };
// An instance lives on one worker thread for its whole life; its task code
// never runs concurrently with itself, so members need no locking.
#pragma once

#include "locustpp/control.hpp"
#include "locustpp/http.hpp"
#include "locustpp/sleep.hpp"

namespace locustpp {

// What user and task-set code can reach: its user's HTTP client and timers.
class scope {
 public:
  scope() = default;
  scope(const scope&) = delete;
  scope& operator=(const scope&) = delete;
  virtual ~scope() = default;

  http_client client;

  // The host's handle of the simulated user this code belongs to.
  locustpp_user* handle() const noexcept { return user_; }
  // co_await sleep(1.5): pause this user, not its thread.
  sleep_for sleep(double seconds) const noexcept { return sleep_for(user_, seconds); }

  // Called by the SDK right after construction.
  void attach_to_user(locustpp_user* user) noexcept {
    user_ = user;
    client.attach(user);
  }

 private:
  locustpp_user* user_ = nullptr;
};

// Base of a simulated user (Locust's User/HttpUser).
class user : public scope {};
using http_user = user;

// Base of a nested task set (Locust's TaskSet / SequentialTaskSet). It runs
// until one of its tasks calls interrupt().
class task_set : public scope {
 public:
  // The enclosing user or task set, as the type it was declared with.
  template <class Parent>
  Parent& parent() const noexcept {
    return *static_cast<Parent*>(parent_);
  }
  [[noreturn]] void interrupt(bool reschedule = true) const { throw interrupt_task_set{reschedule}; }

  void attach_to_parent(void* parent) noexcept { parent_ = parent; }

 private:
  void* parent_ = nullptr;
};

// Wait times, in seconds (Locust's locust.wait_time helpers).
inline locustpp_wait_time constant(double seconds) {
  return {sizeof(locustpp_wait_time), LOCUSTPP_WAIT_CONSTANT, seconds, seconds, nullptr, nullptr};
}
inline locustpp_wait_time between(double min_seconds, double max_seconds) {
  return {sizeof(locustpp_wait_time), LOCUSTPP_WAIT_BETWEEN, min_seconds, max_seconds, nullptr, nullptr};
}
// The task starts every `seconds` (waits max(0, seconds - task runtime)).
inline locustpp_wait_time constant_pacing(double seconds) {
  return {sizeof(locustpp_wait_time), LOCUSTPP_WAIT_CONSTANT_PACING, seconds, seconds, nullptr, nullptr};
}
// At most `tasks_per_second` task runs per second for each user.
inline locustpp_wait_time constant_throughput(double tasks_per_second) {
  return {sizeof(locustpp_wait_time),
          LOCUSTPP_WAIT_CONSTANT_THROUGHPUT,
          tasks_per_second,
          tasks_per_second,
          nullptr,
          nullptr};
}

}  // namespace locustpp
