// Locust's CPU monitor: every interval (10 s; LOCUSTPP_USAGE_MONITOR_INTERVAL
// shortens it for tests, as Locust's tests patch CPU_MONITOR_INTERVAL) the
// process's CPU and memory go to the usage_monitor event, and a warning is
// said once when the worker threads are saturated on average, since a
// saturated generator inflates every latency it reports.
//
// Thread rules: control thread only.
#pragma once

#include <cstdint>

#include "runtime/process_usage.hpp"

namespace locustpp::runtime {
class event_bus;
}

namespace locustpp::control {

class usage_monitor {
 public:
  explicit usage_monitor(runtime::event_bus& events);
  // Called once a second, `second` counting from 0; `threads`: the worker threads (one core each at most).
  void tick(std::uint64_t second, std::size_t threads);

 private:
  runtime::event_bus& events_;
  runtime::process_usage usage_;
  std::uint64_t interval_;  // seconds
  bool warned_ = false;
};

}  // namespace locustpp::control
