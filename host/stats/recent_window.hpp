// The latencies of the last seconds, per statistics entry: Locust's
// response_times_cache, from which the web UI's "current" percentiles come.
// Kept as per-second deltas (what was merged in each second), so an entry
// costs nothing once it has been quiet for a window.
#pragma once

#include <array>
#include <cstdint>
#include <limits>
#include <optional>
#include <unordered_map>

#include "stats/latency_histogram.hpp"

namespace locustpp::stats {

class stats_entry;

// Thread rules: control thread only (owned by a stats_registry).
class recent_window {
 public:
  static constexpr int window_seconds = 10;  // Locust's CURRENT_RESPONSE_TIME_PERCENTILE_WINDOW

  // Adds what `entry` recorded and was merged during epoch second `second`.
  void add(const stats_entry* entry, std::int64_t second, const latency_histogram& delta);
  // The percentile (ms) of the entry's requests merged in the window ending
  // at `now_second`; nullopt when there were none.
  std::optional<double> percentile_ms(const stats_entry* entry, double fraction, std::int64_t now_second) const;
  void clear() noexcept;

 private:
  struct second_deltas {
    std::int64_t second = std::numeric_limits<std::int64_t>::min();
    std::unordered_map<const stats_entry*, latency_histogram> by_entry;
  };
  std::array<second_deltas, window_seconds> seconds_;  // ring, indexed by second modulo the window
};

}  // namespace locustpp::stats
