// stats_shard: recording requests, failures and exceptions; zeroing for reuse.
#include "stats/stats_shard.hpp"

#include <algorithm>
#include <utility>

#include "stats/error_text.hpp"
#include "stats/saturating.hpp"

namespace locustpp::stats {

stats_shard::stats_shard(stats_shard&& other) noexcept
    : entries_(std::move(other.entries_)),
      failures_(std::move(other.failures_)),
      exceptions_(std::move(other.exceptions_)),
      folded_error_scratch_(std::move(other.folded_error_scratch_)),
      last_key_(std::exchange(other.last_key_, nullptr)),
      last_accumulator_(std::exchange(other.last_accumulator_, nullptr)),
      num_requests_(std::exchange(other.num_requests_, 0)),
      num_exceptions_(std::exchange(other.num_exceptions_, 0)) {}

stats_shard& stats_shard::operator=(stats_shard&& other) noexcept {
  if (this == &other) return *this;
  entries_ = std::move(other.entries_);
  failures_ = std::move(other.failures_);
  exceptions_ = std::move(other.exceptions_);
  folded_error_scratch_ = std::move(other.folded_error_scratch_);
  last_key_ = std::exchange(other.last_key_, nullptr);
  last_accumulator_ = std::exchange(other.last_accumulator_, nullptr);
  num_requests_ = std::exchange(other.num_requests_, 0);
  num_exceptions_ = std::exchange(other.num_exceptions_, 0);
  return *this;
}

request_accumulator& stats_shard::accumulator_for(std::string_view name, std::string_view method) {
  if (last_key_ != nullptr && last_key_->parts[0] == name && last_key_->parts[1] == method) {
    return *last_accumulator_;
  }
  const key_views<2> key{name, method};
  auto it = entries_.find(key);
  if (it == entries_.end()) it = entries_.emplace(composite_key<2>{key}, request_accumulator{}).first;
  last_key_ = &it->first;
  last_accumulator_ = &it->second;
  return it->second;
}

void stats_shard::record(const request_sample& sample) {
  request_accumulator& accumulator = accumulator_for(sample.name, sample.method);
  const double end_epoch = sample.start_time + static_cast<double>(sample.response_time_ns) * 1e-9;
  const bool failed = !sample.error.empty();
  accumulator.record(sample.response_time_ns, sample.response_length, sample.start_time, end_epoch, failed);
  ++num_requests_;
  if (failed) record_failure(sample, end_epoch);
}

void stats_shard::record_failure(const request_sample& sample, double end_epoch) {
  const std::string_view error = fold_hex_addresses(sample.error, folded_error_scratch_);
  const key_views<3> key{sample.method, sample.name, error};
  auto it = failures_.find(key);
  if (it == failures_.end()) it = failures_.emplace(composite_key<3>{key}, failure_tally{}).first;

  failure_tally& tally = it->second;
  if (tally.occurrences == 0 || end_epoch < tally.first_seen) tally.first_seen = end_epoch;
  if (end_epoch > tally.last_seen) tally.last_seen = end_epoch;
  ++tally.occurrences;
}

void stats_shard::record_exception(std::string_view message, std::string_view traceback) {
  auto it = exceptions_.find(message);
  if (it == exceptions_.end()) it = exceptions_.emplace(std::string{message}, exception_tally{}).first;
  exception_tally& tally = it->second;
  if (tally.count == 0) tally.traceback.assign(traceback);
  ++tally.count;
  ++num_exceptions_;
}

void stats_shard::absorb(const stats_shard& other) {
  other.for_each_entry([&](std::string_view name, std::string_view method, const request_accumulator& counters) {
    accumulator_for(name, method).absorb(counters);
    num_requests_ = saturating_add(num_requests_, counters.num_requests());
  });
  other.for_each_failure([&](std::string_view method, std::string_view name, std::string_view error,
                             const failure_tally& tally) { add_failures(method, name, error, tally); });
  other.for_each_exception(
      [&](std::string_view message, const exception_tally& tally) { add_exceptions(message, tally); });
}

void stats_shard::add_failures(std::string_view method, std::string_view name, std::string_view folded_error,
                               const failure_tally& tally) {
  if (tally.occurrences == 0) return;
  const key_views<3> key{method, name, folded_error};
  auto it = failures_.find(key);
  if (it == failures_.end()) it = failures_.emplace(composite_key<3>{key}, failure_tally{}).first;
  failure_tally& mine = it->second;
  if (mine.occurrences == 0 || tally.first_seen < mine.first_seen) mine.first_seen = tally.first_seen;
  mine.last_seen = std::max(mine.last_seen, tally.last_seen);
  mine.occurrences = saturating_add(mine.occurrences, tally.occurrences);
}

void stats_shard::add_exceptions(std::string_view message, const exception_tally& tally) {
  if (tally.count == 0) return;
  auto it = exceptions_.find(message);
  if (it == exceptions_.end()) it = exceptions_.emplace(std::string{message}, exception_tally{}).first;
  if (it->second.count == 0) it->second.traceback = tally.traceback;
  it->second.count = saturating_add(it->second.count, tally.count);
  num_exceptions_ = saturating_add(num_exceptions_, tally.count);
}

void stats_shard::clear() noexcept {
  if (entries_.size() > max_retained_entries) {
    last_key_ = nullptr;
    last_accumulator_ = nullptr;
    entries_.clear();
  } else {
    for (auto& [key, accumulator] : entries_) accumulator.clear();
  }
  if (failures_.size() > max_retained_failures) {
    failures_.clear();
  } else {
    for (auto& [key, tally] : failures_) tally = failure_tally{};
  }
  if (exceptions_.size() > max_retained_exceptions) {
    exceptions_.clear();
  } else {
    for (auto& [message, tally] : exceptions_) tally.count = 0;
  }
  num_requests_ = 0;
  num_exceptions_ = 0;
}

}  // namespace locustpp::stats
