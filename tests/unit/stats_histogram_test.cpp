// latency_histogram: percentile accuracy against exact nearest-rank values, exact aggregates, merge, edges.
#include "stats/latency_histogram.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <numeric>
#include <random>
#include <vector>

namespace locustpp::stats {
namespace {

constexpr double tested_fractions[] = {0.5, 0.66, 0.9, 0.95, 0.99, 0.999, 0.9999, 1.0};
constexpr std::size_t sample_count = 200'000;

// The exact nearest-rank percentile of sorted values, computed independently of the histogram.
std::uint64_t exact_percentile(const std::vector<std::uint64_t>& sorted, double fraction) {
  const double rank = std::ceil(fraction * static_cast<double>(sorted.size()) - 1e-9);
  const auto clamped = std::clamp<double>(rank, 1.0, static_cast<double>(sorted.size()));
  return sorted[static_cast<std::size_t>(clamped) - 1];
}

void expect_matches_exact(std::vector<std::uint64_t> values) {
  latency_histogram histogram;
  for (const std::uint64_t value : values) histogram.record(value);
  std::sort(values.begin(), values.end());

  EXPECT_EQ(histogram.count(), values.size());
  EXPECT_EQ(histogram.min_ns(), values.front());
  EXPECT_EQ(histogram.max_ns(), values.back());
  EXPECT_EQ(histogram.sum_ns(), std::accumulate(values.begin(), values.end(), std::uint64_t{0}));
  for (const double fraction : tested_fractions) {
    const std::uint64_t expected = exact_percentile(values, fraction);
    const std::uint64_t actual = histogram.percentile_ns(fraction);
    const double relative_error =
        std::abs(static_cast<double>(actual) - static_cast<double>(expected)) / static_cast<double>(expected);
    EXPECT_LE(relative_error, 0.01) << "fraction " << fraction << ": expected " << expected << " got " << actual;
  }
  EXPECT_EQ(histogram.percentile_ns(1.0), values.back());
}

std::vector<std::uint64_t> uniform_samples(std::mt19937_64& rng) {
  std::uniform_int_distribution<std::uint64_t> distribution(1, 1'000'000'000);  // 1 ns .. 1 s
  std::vector<std::uint64_t> values(sample_count);
  for (auto& value : values) value = distribution(rng);
  return values;
}

std::vector<std::uint64_t> lognormal_samples(std::mt19937_64& rng) {
  // Median ~3 ms, about ±3 sigma between 1 us and 10 s.
  std::lognormal_distribution<double> distribution(std::log(3e6), 2.7);
  std::vector<std::uint64_t> values(sample_count);
  for (auto& value : values) value = static_cast<std::uint64_t>(std::clamp(distribution(rng), 1e3, 1e10));
  return values;
}

std::vector<std::uint64_t> bimodal_samples(std::mt19937_64& rng) {
  std::normal_distribution<double> fast(2e6, 2e5);    // cache hits around 2 ms
  std::normal_distribution<double> slow(8e8, 5e7);    // misses around 800 ms
  std::bernoulli_distribution is_slow(0.07);
  std::vector<std::uint64_t> values(sample_count);
  for (auto& value : values) {
    const double drawn = is_slow(rng) ? slow(rng) : fast(rng);
    value = static_cast<std::uint64_t>(std::max(drawn, 1.0));
  }
  return values;
}

TEST(LatencyHistogram, UniformPercentilesWithinOnePercent) {
  std::mt19937_64 rng(20240601);
  expect_matches_exact(uniform_samples(rng));
}

TEST(LatencyHistogram, LognormalPercentilesWithinOnePercent) {
  std::mt19937_64 rng(42);
  expect_matches_exact(lognormal_samples(rng));
}

TEST(LatencyHistogram, BimodalPercentilesWithinOnePercent) {
  std::mt19937_64 rng(7);
  expect_matches_exact(bimodal_samples(rng));
}

TEST(LatencyHistogram, SmallValuesAreExact) {
  latency_histogram histogram;
  for (std::uint64_t value = 0; value < 128; ++value) histogram.record(value);
  EXPECT_EQ(histogram.percentile_ns(0.5), 63u);  // rank 64 of 0..127
  EXPECT_EQ(histogram.percentile_ns(0.25), 31u);
  EXPECT_EQ(histogram.min_ns(), 0u);
  EXPECT_EQ(histogram.max_ns(), 127u);
  std::uint64_t expected = 0;
  histogram.for_each_bucket([&](std::uint64_t representative, std::uint64_t count) {
    EXPECT_EQ(representative, expected++);
    EXPECT_EQ(count, 1u);
  });
  EXPECT_EQ(expected, 128u);
}

TEST(LatencyHistogram, EveryBucketMidpointWithinPrecision) {
  // Walk bucket boundaries over the whole tracked range: both ends of each bucket must
  // map back to it, and its midpoint must be within 1/128 of both ends.
  for (std::size_t index = 0; index < latency_histogram::bucket_count; ++index) {
    const std::uint64_t low = latency_histogram::bucket_lower_bound(index);
    const std::uint64_t high = low + latency_histogram::bucket_width(index) - 1;
    ASSERT_EQ(latency_histogram::bucket_index(low), index);
    ASSERT_EQ(latency_histogram::bucket_index(high), index);
    if (index + 1 < latency_histogram::bucket_count) {
      ASSERT_EQ(latency_histogram::bucket_lower_bound(index + 1), high + 1) << "gap after bucket " << index;
    }
    const auto midpoint = static_cast<double>(latency_histogram::bucket_midpoint(index));
    for (const std::uint64_t end : {low, high}) {
      if (end == 0) continue;
      ASSERT_LE(std::abs(midpoint - static_cast<double>(end)) / static_cast<double>(end), 0.008) << index;
    }
  }
  // The tracked range reaches at least 2^42 ns.
  EXPECT_LT(latency_histogram::bucket_index(std::uint64_t{1} << 42), latency_histogram::bucket_count - 1);
}

TEST(LatencyHistogram, MergeOfHalvesEqualsWhole) {
  std::mt19937_64 rng(99);
  const std::vector<std::uint64_t> values = lognormal_samples(rng);
  latency_histogram whole, first_half, second_half;
  for (std::size_t i = 0; i < values.size(); ++i) {
    whole.record(values[i]);
    (i % 2 == 0 ? first_half : second_half).record(values[i]);
  }
  latency_histogram merged;
  merged.merge(first_half);
  merged.merge(second_half);

  EXPECT_EQ(merged.count(), whole.count());
  EXPECT_EQ(merged.min_ns(), whole.min_ns());
  EXPECT_EQ(merged.max_ns(), whole.max_ns());
  EXPECT_EQ(merged.sum_ns(), whole.sum_ns());
  for (const double fraction : tested_fractions) {
    EXPECT_EQ(merged.percentile_ns(fraction), whole.percentile_ns(fraction)) << fraction;
  }
  std::vector<std::pair<std::uint64_t, std::uint64_t>> whole_buckets, merged_buckets;
  whole.for_each_bucket([&](std::uint64_t ns, std::uint64_t count) { whole_buckets.emplace_back(ns, count); });
  merged.for_each_bucket([&](std::uint64_t ns, std::uint64_t count) { merged_buckets.emplace_back(ns, count); });
  EXPECT_EQ(merged_buckets, whole_buckets);
}

TEST(LatencyHistogram, MergeIntoEmptyAndOfEmpty) {
  latency_histogram empty, filled;
  filled.record(500);
  filled.record(5'000'000);
  latency_histogram target;
  target.merge(empty);
  EXPECT_EQ(target.count(), 0u);
  EXPECT_EQ(target.min_ns(), 0u);
  target.merge(filled);
  EXPECT_EQ(target.count(), 2u);
  EXPECT_EQ(target.min_ns(), 500u);
  EXPECT_EQ(target.max_ns(), 5'000'000u);
}

TEST(LatencyHistogram, ValuesBeyondRangeKeepExactAggregates) {
  latency_histogram histogram;
  const std::uint64_t huge = std::uint64_t{1} << 50;   // ~13 days
  const std::uint64_t larger = std::uint64_t{1} << 60;
  histogram.record(huge);
  histogram.record(larger);
  histogram.record(1'000);
  EXPECT_EQ(histogram.count(), 3u);
  EXPECT_EQ(histogram.max_ns(), larger);
  EXPECT_EQ(histogram.min_ns(), 1'000u);
  EXPECT_EQ(histogram.sum_ns(), huge + larger + 1'000);
  EXPECT_EQ(histogram.percentile_ns(1.0), larger);
  // Both giant values share the top bucket; its value is clamped into [min, max].
  const std::uint64_t p66 = histogram.percentile_ns(0.66);
  EXPECT_GE(p66, std::uint64_t{1} << 42);
  EXPECT_LE(p66, larger);
  std::uint64_t buckets = 0;
  histogram.for_each_bucket([&](std::uint64_t, std::uint64_t) { ++buckets; });
  EXPECT_EQ(buckets, 2u);
}

TEST(LatencyHistogram, EmptyHistogramReportsZeros) {
  latency_histogram histogram;
  EXPECT_EQ(histogram.count(), 0u);
  EXPECT_EQ(histogram.min_ns(), 0u);
  EXPECT_EQ(histogram.max_ns(), 0u);
  EXPECT_EQ(histogram.sum_ns(), 0u);
  EXPECT_EQ(histogram.percentile_ns(0.5), 0u);
  EXPECT_EQ(histogram.percentile_ns(1.0), 0u);
  bool called = false;
  histogram.for_each_bucket([&](std::uint64_t, std::uint64_t) { called = true; });
  EXPECT_FALSE(called);
}

TEST(LatencyHistogram, ClearForgetsEverythingAndStaysUsable) {
  latency_histogram histogram;
  for (std::uint64_t value = 1; value <= 1000; ++value) histogram.record(value * 1'000'000);
  histogram.clear();
  EXPECT_EQ(histogram.count(), 0u);
  EXPECT_EQ(histogram.percentile_ns(0.99), 0u);
  histogram.record(7);
  EXPECT_EQ(histogram.count(), 1u);
  EXPECT_EQ(histogram.percentile_ns(0.5), 7u);
  std::uint64_t total = 0;
  histogram.for_each_bucket([&](std::uint64_t, std::uint64_t count) { total += count; });
  EXPECT_EQ(total, 1u);  // no counts left over from before clear()
}

TEST(LatencyHistogram, SingleValueIsReportedExactly) {
  latency_histogram histogram;
  histogram.record(123'456'789);
  for (const double fraction : tested_fractions) EXPECT_EQ(histogram.percentile_ns(fraction), 123'456'789u);
}

TEST(LatencyHistogram, NearestRankPicksTheRightSample) {
  // 0.66 * 50 is 33.000000000000004 in floating point: the rank must still be 33.
  latency_histogram histogram;
  for (std::uint64_t value = 1; value <= 50; ++value) histogram.record(value);
  EXPECT_EQ(histogram.percentile_ns(0.66), 33u);
  EXPECT_EQ(histogram.percentile_ns(0.5), 25u);
  EXPECT_EQ(histogram.percentile_ns(0.0), 1u);
}

TEST(LatencyHistogram, MemoryFollowsWhereSamplesFall) {
  latency_histogram histogram;
  EXPECT_EQ(histogram.allocated_bytes(), 0u);  // nothing before the first sample
  // A typical request name: 200k samples between 0.4 and 3 ms (three powers of two).
  std::mt19937_64 rng(5);
  std::lognormal_distribution<double> distribution(std::log(1.1e6), 0.3);
  for (std::size_t i = 0; i < sample_count; ++i) {
    histogram.record(static_cast<std::uint64_t>(std::clamp(distribution(rng), 4e5, 3e6)));
  }
  // A dense array would take bucket_count * 8 bytes (19 KiB).
  EXPECT_LE(histogram.allocated_bytes(), 4096u);
  EXPECT_GT(histogram.allocated_bytes(), 0u);

  // Refilling the same range after clear() reuses the pages.
  const std::size_t before = histogram.allocated_bytes();
  histogram.clear();
  for (std::uint64_t value = 400'000; value < 3'000'000; value += 1'000) histogram.record(value);
  EXPECT_EQ(histogram.allocated_bytes(), before);

  // Every bucket in use still costs at most the dense array.
  latency_histogram everywhere;
  for (std::size_t index = 0; index < latency_histogram::bucket_count; ++index) {
    everywhere.record(latency_histogram::bucket_lower_bound(index));
  }
  EXPECT_EQ(everywhere.count(), latency_histogram::bucket_count);
  EXPECT_LE(everywhere.allocated_bytes(), latency_histogram::bucket_count * 8 * 3 / 2);
  std::uint64_t buckets = 0;
  everywhere.for_each_bucket([&](std::uint64_t, std::uint64_t count) { buckets += count == 1 ? 1 : 0; });
  EXPECT_EQ(buckets, latency_histogram::bucket_count);
}

TEST(LatencyHistogram, CopiesAreIndependent) {
  latency_histogram original;
  original.record(1'000);
  original.record(9'000'000);
  latency_histogram copy = original;
  copy.record(50'000);
  original.record(7);
  EXPECT_EQ(copy.count(), 3u);
  EXPECT_EQ(copy.percentile_ns(0.5), latency_histogram::bucket_midpoint(latency_histogram::bucket_index(50'000)));
  EXPECT_EQ(original.count(), 3u);
  EXPECT_EQ(original.min_ns(), 7u);
}

}  // namespace
}  // namespace locustpp::stats
