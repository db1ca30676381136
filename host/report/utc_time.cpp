// format_utc_iso8601: gmtime-based, so thread-safe and independent of the local time zone.
#include "report/utc_time.hpp"

#include <fmt/chrono.h>
#include <fmt/format.h>

#include <cmath>
#include <ctime>

namespace locustpp::report {

std::string format_utc_iso8601(double epoch_seconds) {
  const auto whole_seconds = static_cast<std::time_t>(std::floor(epoch_seconds));
  return fmt::format("{:%Y-%m-%dT%H:%M:%SZ}", fmt::gmtime(whole_seconds));
}

}  // namespace locustpp::report
