// latency_histogram: the parts that walk bucket ranges (merge, clear, percentile).
#include "stats/latency_histogram.hpp"

#include <cmath>

namespace locustpp::stats {

latency_histogram::latency_histogram() : counts_(bucket_count, 0) {}

std::uint64_t latency_histogram::bucket_lower_bound(std::size_t index) noexcept {
  constexpr std::size_t exact_buckets = std::size_t{1} << exact_bits;
  if (index < exact_buckets) return index;
  const std::size_t shift = (index >> sub_bucket_bits) - 1;
  const std::uint64_t mantissa = index - (shift << sub_bucket_bits);  // in [64, 128)
  return mantissa << shift;
}

std::uint64_t latency_histogram::bucket_width(std::size_t index) noexcept {
  constexpr std::size_t exact_buckets = std::size_t{1} << exact_bits;
  if (index < exact_buckets) return 1;
  return std::uint64_t{1} << ((index >> sub_bucket_bits) - 1);
}

void latency_histogram::merge(const latency_histogram& other) noexcept {
  if (other.count_ == 0) return;
  // min and max bound the used buckets, so only that span is walked.
  const std::size_t last = bucket_index(other.max_ns_);
  for (std::size_t index = bucket_index(other.min_ns_); index <= last; ++index) {
    counts_[index] += other.counts_[index];
  }
  count_ += other.count_;
  sum_ns_ += other.sum_ns_;
  min_ns_ = std::min(min_ns_, other.min_ns_);
  max_ns_ = std::max(max_ns_, other.max_ns_);
}

void latency_histogram::clear() noexcept {
  if (count_ != 0) {
    const std::size_t last = bucket_index(max_ns_);
    for (std::size_t index = bucket_index(min_ns_); index <= last; ++index) counts_[index] = 0;
  }
  count_ = 0;
  sum_ns_ = 0;
  min_ns_ = std::numeric_limits<std::uint64_t>::max();
  max_ns_ = 0;
}

std::uint64_t latency_histogram::percentile_ns(double fraction) const noexcept {
  if (count_ == 0) return 0;
  if (fraction >= 1.0) return max_ns_;
  // The relative nudge keeps e.g. 0.66 * 50 (= 33.000000000000004) at rank 33.
  const double exact_rank = fraction * static_cast<double>(count_);
  const double rank_double = std::ceil(exact_rank - exact_rank * 1e-12);
  const std::uint64_t rank =
      rank_double < 1.0 ? 1 : std::min(count_, static_cast<std::uint64_t>(rank_double));

  // The extreme ranks are known exactly.
  if (rank == 1) return min_ns_;
  if (rank == count_) return max_ns_;

  std::uint64_t seen = 0;
  const std::size_t last = bucket_index(max_ns_);
  for (std::size_t index = bucket_index(min_ns_); index <= last; ++index) {
    seen += counts_[index];
    if (seen >= rank) return clamped_representative(index);
  }
  return max_ns_;  // unreachable while the counts add up to count_
}

}  // namespace locustpp::stats
