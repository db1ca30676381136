// latency_histogram: page allocation, and the parts that walk bucket ranges (merge, clear, percentile).
#include "stats/latency_histogram.hpp"

#include <cmath>

#include "stats/saturating.hpp"

namespace locustpp::stats {

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

std::uint8_t latency_histogram::add_page() {
  // Grow by half rather than double: a histogram rarely needs more than a dozen pages,
  // and doubling would leave a quarter of them unused on average.
  if (pages_.size() == pages_.capacity()) pages_.reserve(pages_.size() + pages_.size() / 2 + 1);
  pages_.emplace_back();  // value-initialised: all counts zero
  return static_cast<std::uint8_t>(pages_.size());
}

void latency_histogram::merge(const latency_histogram& other) {
  if (other.count_ == 0) return;
  other.for_each_count([&](std::size_t index, std::uint64_t count) {
    std::uint64_t& mine = counter(index);
    mine = saturating_add(mine, count);
    return true;
  });
  count_ = saturating_add(count_, other.count_);
  sum_ns_ = saturating_add(sum_ns_, other.sum_ns_);
  min_ns_ = std::min(min_ns_, other.min_ns_);
  max_ns_ = std::max(max_ns_, other.max_ns_);
}

void latency_histogram::clear() noexcept {
  for (page& counts : pages_) counts.fill(0);
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
  std::uint64_t found = max_ns_;  // stays only if the counts did not add up to count_
  for_each_count([&](std::size_t index, std::uint64_t count) {
    seen += count;
    if (seen < rank) return true;
    found = clamped_representative(index);
    return false;
  });
  return found;
}

}  // namespace locustpp::stats
