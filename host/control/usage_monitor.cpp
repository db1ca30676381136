// The usage monitor (see usage_monitor.hpp).
#include "control/usage_monitor.hpp"

#include <spdlog/spdlog.h>

#include <cstdlib>

#include "runtime/event_bus.hpp"

namespace locustpp::control {
namespace {

constexpr std::uint64_t default_interval = 10;  // seconds: Locust's CPU_MONITOR_INTERVAL
constexpr double cpu_warning_percent = 90;

std::uint64_t interval_from_environment() {
  const char* text = std::getenv("LOCUSTPP_USAGE_MONITOR_INTERVAL");
  long seconds_given = text != nullptr ? std::strtol(text, nullptr, 10) : 0;
  return seconds_given > 0 ? static_cast<std::uint64_t>(seconds_given) : default_interval;
}

}  // namespace

usage_monitor::usage_monitor(runtime::event_bus& events) : events_(events), interval_(interval_from_environment()) {}

void usage_monitor::tick(std::uint64_t second, std::size_t threads) {
  if ((second + 1) % interval_ != 0) return;
  runtime::usage_sample sample = usage_.sample();
  locustpp_usage_event payload{sizeof(locustpp_usage_event), sample.cpu_percent, sample.rss_bytes};
  events_.fire(LOCUSTPP_EVENT_USAGE_MONITOR, &payload);
  if (sample.cpu_percent / static_cast<double>(threads == 0 ? 1 : threads) > cpu_warning_percent) {
    if (!warned_) spdlog::warn("CPU usage above {}%! Response times may be inflated", cpu_warning_percent);
    warned_ = true;
    events_.fire(LOCUSTPP_EVENT_CPU_WARNING, &payload);
  }
}

}  // namespace locustpp::control
