// Repeated log lines, one per interval at most: the first at once, then the
// next only once the interval has passed, with how many were held back in
// between. What a flood from outside (failed accepts, refused requests,
// wrong passwords) may cost the log is bounded by time, not by the flood.
// Not thread-safe: each owner uses it from one thread (the control thread).
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>

namespace locustpp::web {

class log_throttle {
 public:
  using clock = std::chrono::steady_clock;

  explicit log_throttle(clock::duration interval) : interval_(interval) {}

  // One more occurrence at `now`. When it may be logged, returns how many
  // were held back since the last logged one (0 the first time); nullopt
  // when it is held back.
  std::optional<std::uint64_t> admit(clock::time_point now) {
    if (logged_ && now - *logged_ < interval_) {
      ++held_back_;
      return std::nullopt;
    }
    logged_ = now;
    const std::uint64_t held = held_back_;
    held_back_ = 0;
    return held;
  }

  // Occurrences held back since the last logged one.
  std::uint64_t held_back() const noexcept { return held_back_; }

 private:
  clock::duration interval_;
  std::optional<clock::time_point> logged_;  // when the last line was let through
  std::uint64_t held_back_ = 0;
};

}  // namespace locustpp::web
