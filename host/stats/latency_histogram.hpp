// Log-linear (HDR-style) latency histogram in nanoseconds: O(1) record, ~0.8% bucket precision.
#pragma once

#include <algorithm>
#include <bit>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <vector>

namespace locustpp::stats {

// Values below 128 ns get one bucket each. Above that every power-of-two range
// [2^k, 2^(k+1)) is cut into 64 equal sub-buckets, so a bucket is at most 1/64 of
// its lower bound wide and its midpoint lies within 1/128 (0.78%) of every value in
// it. Values of 2^43 ns (~2.4 h) and more share the top bucket; count, min, max and
// sum stay exact for every value.
//
// Thread rules: none inside; one owner at a time (a worker's shard, or the control
// thread's registry). Copyable. A moved-from histogram may only be assigned or destroyed.
class latency_histogram {
 public:
  static constexpr unsigned sub_bucket_bits = 6;                  // 64 sub-buckets per power of two
  static constexpr unsigned exact_bits = sub_bucket_bits + 1;     // values < 2^7 = 128 ns are exact
  static constexpr unsigned tracked_bits = 43;                    // values < 2^43 ns get their own bucket
  static constexpr std::size_t bucket_count =
      (std::size_t{tracked_bits - exact_bits} << sub_bucket_bits) + (std::size_t{1} << exact_bits);

  latency_histogram();  // allocates its buckets once (bucket_count * 8 bytes, ~19 KiB)

  // O(1); never allocates; no floating point.
  void record(std::uint64_t nanoseconds) noexcept {
    ++counts_[bucket_index(nanoseconds)];
    ++count_;
    sum_ns_ += nanoseconds;  // wraps only after 2^64 ns (~584 years) of summed latency
    min_ns_ = std::min(min_ns_, nanoseconds);
    max_ns_ = std::max(max_ns_, nanoseconds);
  }

  void merge(const latency_histogram& other) noexcept;
  void clear() noexcept;  // keeps the allocation

  std::uint64_t count() const noexcept { return count_; }
  std::uint64_t min_ns() const noexcept { return count_ == 0 ? 0 : min_ns_; }  // exact; 0 when empty
  std::uint64_t max_ns() const noexcept { return max_ns_; }                      // exact; 0 when empty
  std::uint64_t sum_ns() const noexcept { return sum_ns_; }                      // exact

  // Nearest-rank percentile: the value at rank ceil(fraction*count) (at least 1) in
  // sorted order, reported as its bucket's midpoint clamped into [min_ns, max_ns].
  // Rank 1 gives min_ns and the last rank (so fraction >= 1.0) max_ns exactly; 0 when empty.
  std::uint64_t percentile_ns(double fraction) const noexcept;

  // Calls fn(representative_ns, count) for every non-empty bucket in ascending order;
  // representative_ns is the bucket midpoint clamped into [min_ns, max_ns].
  template <class Fn>
  void for_each_bucket(Fn&& fn) const {
    if (count_ == 0) return;
    const std::size_t last = bucket_index(max_ns_);
    for (std::size_t index = bucket_index(min_ns_); index <= last; ++index) {
      if (counts_[index] != 0) fn(clamped_representative(index), counts_[index]);
    }
  }

  // Bucket arithmetic, public for tests and exporters.
  static std::size_t bucket_index(std::uint64_t nanoseconds) noexcept {
    // OR-ing in the exact range makes values < 128 use shift 0 (index = value) without a branch.
    const unsigned shift = static_cast<unsigned>(std::bit_width(nanoseconds | ((1u << exact_bits) - 1))) - exact_bits;
    const std::size_t index = (std::size_t{shift} << sub_bucket_bits) + static_cast<std::size_t>(nanoseconds >> shift);
    return std::min(index, bucket_count - 1);
  }
  static std::uint64_t bucket_lower_bound(std::size_t index) noexcept;
  static std::uint64_t bucket_width(std::size_t index) noexcept;
  static std::uint64_t bucket_midpoint(std::size_t index) noexcept {
    return bucket_lower_bound(index) + bucket_width(index) / 2;
  }

 private:
  std::uint64_t clamped_representative(std::size_t index) const noexcept {
    return std::clamp(bucket_midpoint(index), min_ns_, max_ns_);
  }

  std::vector<std::uint64_t> counts_;                           // per-bucket counts, bucket_count long
  std::uint64_t count_ = 0;                                     // number of recorded values
  std::uint64_t sum_ns_ = 0;                                    // exact sum of recorded values, ns
  std::uint64_t min_ns_ = std::numeric_limits<std::uint64_t>::max();  // sentinel while empty
  std::uint64_t max_ns_ = 0;
};

}  // namespace locustpp::stats
