// stats_entry: folding shard counters in and deriving Locust's reported values.
#include "stats/stats_entry.hpp"

#include <algorithm>
#include <cmath>
#include <utility>

#include "stats/saturating.hpp"

namespace locustpp::stats {
namespace {

constexpr double ns_per_ms = 1e6;

double to_ms(std::uint64_t nanoseconds) noexcept { return static_cast<double>(nanoseconds) / ns_per_ms; }

}  // namespace

stats_entry::stats_entry(std::string name, std::string method, double start_epoch, const stats_entry* aggregated)
    : name_(std::move(name)), method_(std::move(method)), aggregated_(aggregated), start_time_(start_epoch) {}

void stats_entry::add(const request_accumulator& shard_counters) {
  if (shard_counters.num_requests() == 0) return;
  histogram_.merge(shard_counters.histogram());
  num_failures_ = saturating_add(num_failures_, shard_counters.num_failures());
  total_content_length_ = saturating_add(total_content_length_, shard_counters.total_content_length());
  // Locust's extend(): the earliest start and the latest completion win.
  start_time_ = std::min(start_time_, shard_counters.first_start_epoch());
  last_request_timestamp_ = std::max(last_request_timestamp_, shard_counters.last_end_epoch());
  for (const second_tally& tally : shard_counters.per_second()) {
    requests_per_second_.add(tally.epoch_second, tally.requests);
    if (tally.failures != 0) failures_per_second_.add(tally.epoch_second, tally.failures);
  }
}

double stats_entry::total_response_time_ms() const noexcept { return to_ms(histogram_.sum_ns()); }

double stats_entry::avg_response_time_ms() const noexcept {
  const std::uint64_t count = num_requests();
  return count == 0 ? 0.0 : total_response_time_ms() / static_cast<double>(count);
}

double stats_entry::min_response_time_ms() const noexcept { return to_ms(histogram_.min_ns()); }
double stats_entry::max_response_time_ms() const noexcept { return to_ms(histogram_.max_ns()); }
double stats_entry::percentile_ms(double fraction) const noexcept { return to_ms(histogram_.percentile_ns(fraction)); }

double stats_entry::avg_content_length() const noexcept {
  const std::uint64_t count = num_requests();
  return count == 0 ? 0.0 : static_cast<double>(total_content_length_) / static_cast<double>(count);
}

double stats_entry::fail_ratio() const noexcept {
  const std::uint64_t count = num_requests();
  return count == 0 ? 0.0 : static_cast<double>(num_failures_) / static_cast<double>(count);
}

double stats_entry::total_rps() const noexcept {
  const double duration = run().last_request_timestamp_ - run().start_time_;
  return duration <= 0.0 ? 0.0 : static_cast<double>(num_requests()) / duration;
}

double stats_entry::total_fail_per_sec() const noexcept {
  const double duration = run().last_request_timestamp_ - run().start_time_;
  return duration <= 0.0 ? 0.0 : static_cast<double>(num_failures_) / duration;
}

double stats_entry::window_mean(const per_second_counts& counts, double now_epoch) const noexcept {
  const auto now_second = static_cast<std::int64_t>(std::floor(now_epoch));
  const auto run_start_second = static_cast<std::int64_t>(std::floor(run().start_time_));
  const std::int64_t first = std::max(now_second - 12, run_start_second);
  const std::int64_t last = now_second - 3;
  if (last < first) return 0.0;
  return static_cast<double>(counts.sum(first, last)) / static_cast<double>(last - first + 1);
}

double stats_entry::current_rps(double now_epoch) const noexcept {
  return window_mean(requests_per_second_, now_epoch);
}

double stats_entry::current_fail_per_sec(double now_epoch) const noexcept {
  return window_mean(failures_per_second_, now_epoch);
}

}  // namespace locustpp::stats
