// Seconds (as users and plugins give them: doubles) to std::chrono durations
// without overflow: a timer set from "-t 2562048h" or a timeout of 1e12 s
// must wait "forever", not wrap around to an instant expiry.
#pragma once

#include <chrono>
#include <cmath>

namespace locustpp::timing {

// The longest wait any timer is set to: about 146 years in nanoseconds,
// far enough from the clock's limit that now() + it cannot overflow.
template <class Duration = std::chrono::steady_clock::duration>
constexpr Duration longest_wait() noexcept {
  return Duration::max() / 2;
}

// `seconds` as a Duration: negative and NaN become zero, anything longer
// than longest_wait() becomes longest_wait().
template <class Duration = std::chrono::steady_clock::duration>
Duration saturating_duration(double seconds) noexcept {
  if (!(seconds > 0)) return Duration::zero();
  using double_seconds = std::chrono::duration<double>;
  constexpr double limit = std::chrono::duration_cast<double_seconds>(longest_wait<Duration>()).count();
  if (seconds >= limit) return longest_wait<Duration>();
  return std::chrono::duration_cast<Duration>(double_seconds(seconds));
}

}  // namespace locustpp::timing
