// Repeated log lines of many kinds, limited (DESIGN §7a): what a peer can
// trigger at will (garbled messages, floods, bad fields) is written the
// first time, then at most once per interval and kind (a log_throttle each)
// with the count of lines held back, so that no peer can fill a disk or a
// terminal through our log.
//
// Thread rules: not thread-safe; each owner uses its own (the control thread's).
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>

#include "runtime/log_throttle.hpp"

namespace locustpp::runtime {

class log_limiter {
 public:
  explicit log_limiter(log_throttle::clock::duration interval = std::chrono::seconds(10)) : interval_(interval) {}

  // Writes `line` at warning (or error) level unless a line of the same
  // `kind` was written less than an interval ago; then it is only counted,
  // and the next line of that kind says how many were not written.
  void warn(std::string_view kind, std::string_view line);
  void error(std::string_view kind, std::string_view line);

 private:
  // The line to write now, or nullopt when `kind` is held back.
  std::optional<std::string> admitted(std::string_view kind, std::string_view line);

  log_throttle::clock::duration interval_;
  std::unordered_map<std::string, log_throttle> kinds_;  // bounded: cleared past max_kinds
};

}  // namespace locustpp::runtime
