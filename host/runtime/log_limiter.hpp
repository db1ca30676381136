// Repeated log lines, limited (DESIGN §7a): what a peer can trigger at will
// (garbled messages, floods, bad fields) is written the first time, then at
// most once per interval with the count of lines held back, so that no peer
// can fill a disk or a terminal through our log.
//
// Thread rules: not thread-safe; each owner uses its own (the control thread's).
#pragma once

#include <chrono>
#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>

namespace locustpp::runtime {

class log_limiter {
 public:
  explicit log_limiter(std::chrono::steady_clock::duration interval = std::chrono::seconds(10)) : interval_(interval) {}

  // Writes `line` at warning (or error) level unless a line of the same
  // `kind` was written less than an interval ago; then it is only counted.
  void warn(std::string_view kind, std::string_view line);
  void error(std::string_view kind, std::string_view line);

  // For tests and other sinks: true when a line of `kind` may be written
  // now; `held_back` gets how many were not since the last one.
  bool allow(std::string_view kind, std::uint64_t& held_back);

 private:
  struct kind_state {
    std::chrono::steady_clock::time_point last_written;
    std::uint64_t held_back = 0;
  };
  std::chrono::steady_clock::duration interval_;
  std::unordered_map<std::string, kind_state> kinds_;  // bounded: cleared past max_kinds
};

}  // namespace locustpp::runtime
