// Fires module event listeners (Locust's events.*.fire). A listener that
// fails is logged with its module and message, and counted as an internal
// error (exit code 2 unless failures already set it, as in Locust). Any
// thread may fire; listeners run on the firing thread, in registration
// order (reverse for quitting). The bus also keeps the run's error counts
// that decide the exit code.
#pragma once

#include <atomic>
#include <cstdint>

#include "plugin/catalog.hpp"

namespace locustpp::runtime {

class event_bus {
 public:
  explicit event_bus(const plugin::catalog& catalog) : catalog_(catalog) {}

  // Calls every listener of `kind` with `payload` (may be null).
  void fire(locustpp_event_kind kind, const void* payload = nullptr, bool reverse = false);
  bool has_listeners(locustpp_event_kind kind) const noexcept { return !catalog_.listeners[kind].empty(); }
  // Exceptions raised by user code (tasks, on_start, on_stop): like request
  // failures they give --exit-code-on-error. Any thread.
  std::uint64_t user_errors() const noexcept { return user_errors_.load(std::memory_order_relaxed); }
  void count_user_error() noexcept { user_errors_.fetch_add(1, std::memory_order_relaxed); }
  // Everything else that went wrong: a failing listener, background job or
  // load shape, a refused module, plugin code that never yields. Exit code 2
  // unless failures already gave one. Any thread.
  std::uint64_t internal_errors() const noexcept { return internal_errors_.load(std::memory_order_relaxed); }
  void count_internal_errors(std::uint64_t count = 1) noexcept {
    internal_errors_.fetch_add(count, std::memory_order_relaxed);
  }

 private:
  const plugin::catalog& catalog_;
  std::atomic<std::uint64_t> user_errors_{0};
  std::atomic<std::uint64_t> internal_errors_{0};
};

}  // namespace locustpp::runtime
