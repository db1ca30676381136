// Wall-clock helper: the epoch-seconds timestamps every stats structure uses.
#pragma once

#include <chrono>

namespace locustpp::stats {

// Seconds since the Unix epoch (system_clock, UTC) as a double, like Python's time.time().
// Thread-safe. Not monotonic: use it for timestamps, never for measuring durations.
inline double epoch_seconds_now() noexcept {
  using seconds_double = std::chrono::duration<double>;
  return std::chrono::duration_cast<seconds_double>(std::chrono::system_clock::now().time_since_epoch())
      .count();
}

}  // namespace locustpp::stats
