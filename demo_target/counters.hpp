// Exact request counters behind /__counters: total, per path, per status.
// Tests compare them with what the load tool reports, so every update is
// exact and happens before the response is written.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <mutex>
#include <string>
#include <string_view>
#include <unordered_map>

namespace demo_target {

class Counters {
 public:
  // A path seen for the first time beyond this many distinct paths is counted
  // under "(other)", so a scan of random URLs cannot grow memory without bound.
  static constexpr std::size_t kMaxDistinctPaths = 100000;

  // One answered request. `status` outside 100..599 only counts in total/by_path.
  void record(std::string_view path, int status);
  // A request that got no response (/drop): counts in total and by_path only.
  void record_unanswered(std::string_view path);
  void reset();
  // {"total": N, "by_path": {...}, "by_status": {...}}, keys sorted.
  std::string to_json() const;

 private:
  struct PathHash {
    using is_transparent = void;
    std::size_t operator()(std::string_view path) const { return std::hash<std::string_view>{}(path); }
  };

  void count_path(std::string_view path);  // caller holds mutex_

  // One mutex keeps total, by_path and by_status consistent with each other;
  // an uncontended lock costs a few nanoseconds, far below a request's cost.
  mutable std::mutex mutex_;
  std::uint64_t total_ = 0;
  std::unordered_map<std::string, std::uint64_t, PathHash, std::equal_to<>> by_path_;
  std::array<std::uint64_t, 600> by_status_{};
};

}  // namespace demo_target
