// request_accumulator: counting one request into the per-key shard counters.
#include "stats/request_accumulator.hpp"

#include <algorithm>
#include <cmath>
#include <iterator>

#include "stats/saturating.hpp"

namespace locustpp::stats {
namespace {

// Up to this many seconds are added one by one (a thread's shard holds one
// or two); more are sorted in at once.
constexpr std::size_t few_seconds = 8;

}  // namespace

void request_accumulator::record(std::uint64_t response_time_ns, std::uint64_t response_length, double start_epoch,
                                 double end_epoch, bool failed) {
  if (histogram_.count() == 0 || start_epoch < first_start_epoch_) first_start_epoch_ = start_epoch;
  if (end_epoch > last_end_epoch_) last_end_epoch_ = end_epoch;
  histogram_.record(response_time_ns);
  total_content_length_ += response_length;

  second_tally& tally = tally_for(static_cast<std::int64_t>(std::floor(end_epoch)));
  ++tally.requests;
  if (failed) {
    ++tally.failures;
    ++num_failures_;
  }
}

second_tally& request_accumulator::tally_for(std::int64_t epoch_second) {
  // Completions arrive nearly in order, so the match is almost always the last element.
  for (auto it = per_second_.rbegin(); it != per_second_.rend(); ++it) {
    if (it->epoch_second == epoch_second) return *it;
  }
  return per_second_.emplace_back(second_tally{epoch_second, 0, 0});
}

void request_accumulator::absorb(const request_accumulator& other) {
  absorb(other.histogram_, other.num_failures_, other.total_content_length_, other.first_start_epoch_,
         other.last_end_epoch_, other.per_second_);
}

void request_accumulator::absorb(const latency_histogram& times, std::uint64_t failures, std::uint64_t content_length,
                                 double first_start_epoch, double last_end_epoch,
                                 std::span<const second_tally> seconds) {
  if (times.count() == 0) return;
  if (histogram_.count() == 0 || first_start_epoch < first_start_epoch_) first_start_epoch_ = first_start_epoch;
  last_end_epoch_ = std::max(last_end_epoch_, last_end_epoch);
  histogram_.merge(times);
  num_failures_ = saturating_add(num_failures_, failures);
  total_content_length_ = saturating_add(total_content_length_, content_length);
  if (seconds.size() <= few_seconds) {
    for (const second_tally& second : seconds) {
      second_tally& tally = tally_for(second.epoch_second);
      tally.requests = saturating_add(tally.requests, second.requests);
      tally.failures = saturating_add(tally.failures, second.failures);
    }
    return;
  }
  // Many seconds (a report from another process): sort and fold, linear
  // after the sort however the seconds come, instead of a search per second.
  per_second_.insert(per_second_.end(), seconds.begin(), seconds.end());
  std::sort(per_second_.begin(), per_second_.end(),
            [](const second_tally& a, const second_tally& b) { return a.epoch_second < b.epoch_second; });
  auto kept = per_second_.begin();
  for (auto it = std::next(per_second_.begin()); it != per_second_.end(); ++it) {
    if (it->epoch_second == kept->epoch_second) {
      kept->requests = saturating_add(kept->requests, it->requests);
      kept->failures = saturating_add(kept->failures, it->failures);
    } else {
      *++kept = *it;
    }
  }
  per_second_.erase(std::next(kept), per_second_.end());
}

void request_accumulator::clear() noexcept {
  histogram_.clear();
  num_failures_ = 0;
  total_content_length_ = 0;
  first_start_epoch_ = 0.0;
  last_end_epoch_ = 0.0;
  per_second_.clear();
}

}  // namespace locustpp::stats
