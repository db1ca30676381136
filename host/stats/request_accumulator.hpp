// Per-(name, method) counters a worker's stats_shard keeps between two merges (~1-2 s of requests).
#pragma once

#include <cstdint>
#include <span>
#include <vector>

#include "stats/latency_histogram.hpp"

namespace locustpp::stats {

// Requests and failures that completed within one epoch second.
struct second_tally {
  std::int64_t epoch_second;  // floor of the completion time, epoch seconds
  std::uint64_t requests;     // failures included, as in Locust
  std::uint64_t failures;
};

// Not thread-safe: owned by one worker thread, read by the control thread only while
// the worker does not touch it (the shard hand-over).
class request_accumulator {
 public:
  // start_epoch / end_epoch: when the request was sent / completed, epoch seconds.
  // Allocates only when a new second needs more room than earlier seconds left behind.
  void record(std::uint64_t response_time_ns, std::uint64_t response_length, double start_epoch, double end_epoch,
              bool failed);
  void clear() noexcept;  // zeroes the counters, keeps the histogram and vector capacity
  // Adds another span's counters: another thread's, or a report from another
  // process rebuilt from its parts.
  void absorb(const request_accumulator& other);
  void absorb(const latency_histogram& times, std::uint64_t failures, std::uint64_t content_length,
              double first_start_epoch, double last_end_epoch, std::span<const second_tally> seconds);

  std::uint64_t num_requests() const noexcept { return histogram_.count(); }
  std::uint64_t num_failures() const noexcept { return num_failures_; }
  std::uint64_t total_content_length() const noexcept { return total_content_length_; }  // bytes
  double first_start_epoch() const noexcept { return first_start_epoch_; }    // earliest send time; 0 if none
  double last_end_epoch() const noexcept { return last_end_epoch_; }          // latest completion; 0 if none
  const latency_histogram& histogram() const noexcept { return histogram_; }  // all requests, failures too
  std::span<const second_tally> per_second() const noexcept { return per_second_; }

 private:
  second_tally& tally_for(std::int64_t epoch_second);

  latency_histogram histogram_;
  std::uint64_t num_failures_ = 0;
  std::uint64_t total_content_length_ = 0;
  double first_start_epoch_ = 0.0;
  double last_end_epoch_ = 0.0;
  std::vector<second_tally> per_second_;  // a handful of seconds; newest usually last
};

}  // namespace locustpp::stats
