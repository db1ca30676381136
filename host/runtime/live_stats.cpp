// Thread-safe access to the run's statistics (see live_stats.hpp).
#include "runtime/live_stats.hpp"

#include <limits>

#include "stats/clock.hpp"

namespace locustpp::runtime {

void live_stats::merge(const stats::stats_shard& shard, std::string_view node) {
  std::lock_guard guard(lock_);
  registry_.merge(shard, node);
  if (!off_thread_.empty()) {
    registry_.merge(off_thread_);
    off_thread_.clear();
  }
}

void live_stats::record_off_thread(const stats::request_sample& sample) {
  std::lock_guard guard(lock_);
  off_thread_.record(sample);
}

void live_stats::keep_recent_window(bool keep) {
  std::lock_guard guard(lock_);
  registry_.keep_recent_window(keep);
}

void live_stats::reset() {
  std::lock_guard guard(lock_);
  registry_.reset();
}

const stats::stats_entry* live_stats::find(std::string_view name, std::string_view method) const {
  return name.empty() ? &registry_.total() : registry_.find(name, method);
}

bool live_stats::read(std::string_view name, std::string_view method, locustpp_stats_view& view) const {
  std::lock_guard guard(lock_);
  const stats::stats_entry* entry = find(name, method);
  if (entry == nullptr) return false;
  double now = stats::epoch_seconds_now();
  view.num_requests = entry->num_requests();
  view.num_failures = entry->num_failures();
  view.fail_ratio = entry->fail_ratio();
  view.current_rps = entry->current_rps(now);
  view.current_fail_per_sec = entry->current_fail_per_sec(now);
  view.total_rps = entry->total_rps();
  view.avg_response_time_ms = entry->avg_response_time_ms();
  view.min_response_time_ms = entry->min_response_time_ms();
  view.max_response_time_ms = entry->max_response_time_ms();
  view.median_response_time_ms = entry->median_response_time_ms();
  view.percentile_95_ms = entry->percentile_ms(0.95);
  view.percentile_99_ms = entry->percentile_ms(0.99);
  view.avg_content_length = entry->avg_content_length();
  return true;
}

double live_stats::percentile(std::string_view name, std::string_view method, double fraction) const {
  std::lock_guard guard(lock_);
  const stats::stats_entry* entry = find(name, method);
  if (entry == nullptr || entry->num_requests() == 0) return std::numeric_limits<double>::quiet_NaN();
  return entry->percentile_ms(fraction);
}

}  // namespace locustpp::runtime
