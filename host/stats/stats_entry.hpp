// Cumulative statistics of one (name, method), or of all requests ("Aggregated"), on the control thread.
#pragma once

#include <cstdint>
#include <string>

#include "stats/latency_histogram.hpp"
#include "stats/per_second_counts.hpp"
#include "stats/request_accumulator.hpp"

namespace locustpp::stats {

// Locust's StatsEntry. Response times are kept in ns and reported in ms (double).
// Rates follow Locust: every entry divides by the *run's* time span, taken from the
// Aggregated entry, so the per-entry rates add up to the total.
// Thread rules: control thread only (owned by a stats_registry).
class stats_entry {
 public:
  // `aggregated` supplies the run's start time and last request time for the rate
  // functions; nullptr makes this entry the Aggregated one itself. It must outlive this entry.
  stats_entry(std::string name, std::string method, double start_epoch, const stats_entry* aggregated);

  // Adds one shard's counters for this key (or for all keys, on the Aggregated entry).
  void add(const request_accumulator& shard_counters);

  const std::string& name() const noexcept { return name_; }      // "Aggregated" for the total
  const std::string& method() const noexcept { return method_; }  // "" for the total
  std::uint64_t num_requests() const noexcept { return histogram_.count(); }
  std::uint64_t num_failures() const noexcept { return num_failures_; }

  double total_response_time_ms() const noexcept;  // sum over all requests
  double avg_response_time_ms() const noexcept;    // 0 without requests
  double min_response_time_ms() const noexcept;    // exact; 0 without requests
  double max_response_time_ms() const noexcept;    // exact; 0 without requests
  double median_response_time_ms() const noexcept { return percentile_ms(0.5); }
  double percentile_ms(double fraction) const noexcept;  // nearest rank, within 0.8%; 0 without requests
  std::uint64_t total_content_length() const noexcept { return total_content_length_; }  // bytes
  double avg_content_length() const noexcept;  // bytes
  double fail_ratio() const noexcept;          // failures / requests; 0 without requests

  // num_requests / (last_request_timestamp - start_time) of the run; 0 if that span <= 0.
  double total_rps() const noexcept;
  double total_fail_per_sec() const noexcept;
  // Mean of the per-second counts over the seconds t in [max(L-12, run start), L-3],
  // L = floor(now_epoch): a 10 s window that skips the newest 2 s, which may be
  // incomplete (shards are merged about once a second). 0 if the window is empty.
  double current_rps(double now_epoch) const noexcept;
  double current_fail_per_sec(double now_epoch) const noexcept;

  // This entry's own times, epoch seconds. For a request entry, start_time is the send
  // time of its first request; for Aggregated it is the run (reset) start.
  // last_request_timestamp is the latest completion time, 0 before the first request.
  double start_time() const noexcept { return start_time_; }
  double last_request_timestamp() const noexcept { return last_request_timestamp_; }

  const latency_histogram& histogram() const noexcept { return histogram_; }
  // Per completion second (epoch s), the newest per_second_counts::retained_seconds kept.
  const per_second_counts& requests_per_second() const noexcept { return requests_per_second_; }
  const per_second_counts& failures_per_second() const noexcept { return failures_per_second_; }

 private:
  const stats_entry& run() const noexcept { return aggregated_ != nullptr ? *aggregated_ : *this; }
  double window_mean(const per_second_counts& counts, double now_epoch) const noexcept;

  std::string name_;
  std::string method_;
  const stats_entry* aggregated_;  // not owned; nullptr on the Aggregated entry
  latency_histogram histogram_;    // every request, failures included (as Locust)
  std::uint64_t num_failures_ = 0;
  std::uint64_t total_content_length_ = 0;  // bytes
  double start_time_;                       // epoch s
  double last_request_timestamp_ = 0.0;     // epoch s; 0 = no request yet
  per_second_counts requests_per_second_;
  per_second_counts failures_per_second_;
};

}  // namespace locustpp::stats
