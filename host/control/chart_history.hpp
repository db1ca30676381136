// The points Locust keeps for its charts (stats.history), one every 5 s
// while a test is not stopped, and one when it stops: current percentiles,
// rates, the average and the user count. Cleared with the statistics.
// Control thread only.
#pragma once

#include <cstdint>
#include <optional>
#include <vector>

#include "stats/stats_registry.hpp"

namespace locustpp::control {

struct chart_point {
  double time = 0;                        // epoch seconds
  std::optional<double> p50_ms, p95_ms;   // over the last 10 s; none without requests in them
  double current_rps = 0;                 // requests per second, last 10 s
  double current_fail_per_sec = 0;        // failures per second, last 10 s
  double total_avg_response_time_ms = 0;  // cumulative
  std::uint64_t user_count = 0;
};

class chart_history {
 public:
  static constexpr int interval_seconds = 5;  // Locust's HISTORY_STATS_INTERVAL_SEC

  void add(const stats::stats_registry& registry, double now_epoch, std::uint64_t user_count);
  void clear() noexcept { points_.clear(); }
  const std::vector<chart_point>& points() const noexcept { return points_; }

 private:
  std::vector<chart_point> points_;
};

}  // namespace locustpp::control
