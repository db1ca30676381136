// Repeated log lines, one per interval at most: the first at once, then the
// next only once the interval has passed, with how many were held back in
// between. What a flood from outside (failed accepts, refused requests,
// wrong passwords) may cost the log is bounded by time, not by the flood.
// Not thread-safe: each owner uses it from one thread (the control thread).
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace locustpp::runtime {

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

// Text from outside (a Host, an Origin, a user name) for a log line: at most
// `limit` bytes, control characters as '?', so it cannot forge lines.
inline std::string loggable(std::string_view text, std::size_t limit = 100) {
  std::string out(text.substr(0, limit));
  for (char& c : out) {
    if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f) c = '?';
  }
  if (text.size() > limit) out += "...";
  return out;
}

}  // namespace locustpp::runtime
