// Fires module event listeners (Locust's events.*.fire). A listener that
// fails is logged with its module and message, and counted: the process
// then ends with exit code 2, as in Locust. Any thread may fire; listeners
// run on the firing thread, in registration order (reverse for quitting).
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
  // Plugin code (listener or user code) failed at least once.
  std::uint64_t plugin_failures() const noexcept { return plugin_failures_.load(std::memory_order_relaxed); }
  void count_plugin_failure() noexcept { count_plugin_failures(1); }
  void count_plugin_failures(std::uint64_t count) noexcept {
    plugin_failures_.fetch_add(count, std::memory_order_relaxed);
  }

 private:
  const plugin::catalog& catalog_;
  std::atomic<std::uint64_t> plugin_failures_{0};
};

}  // namespace locustpp::runtime
