// chart_history: one point from the registry's current values (see chart_history.hpp).
#include "control/chart_history.hpp"

namespace locustpp::control {

void chart_history::add(const stats::stats_registry& registry, double now_epoch, std::uint64_t user_count) {
  const stats::stats_entry& total = registry.total();
  chart_point point;
  point.time = now_epoch;
  point.p50_ms = registry.current_percentile_ms(total, 0.5, now_epoch);
  point.p95_ms = registry.current_percentile_ms(total, 0.95, now_epoch);
  point.current_rps = total.current_rps(now_epoch);
  point.current_fail_per_sec = total.current_fail_per_sec(now_epoch);
  point.total_avg_response_time_ms = total.avg_response_time_ms();
  point.user_count = user_count;
  points_.push_back(point);
}

}  // namespace locustpp::control
