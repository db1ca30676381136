// recent_window: current percentiles over the last 10 s of per-second deltas,
// and the registry's use of it (Locust's current_response_time_percentiles).
#include "stats/recent_window.hpp"

#include <gtest/gtest.h>

#include <cmath>

#include "stats/clock.hpp"
#include "stats/stats_registry.hpp"
#include "stats/stats_shard.hpp"

namespace locustpp::stats {
namespace {

constexpr std::uint64_t ms = 1'000'000;  // ns per ms

latency_histogram of(std::initializer_list<std::uint64_t> values_ms) {
  latency_histogram histogram;
  for (std::uint64_t value : values_ms) histogram.record(value * ms);
  return histogram;
}

TEST(RecentWindow, PercentilesCoverTheLastTenSecondsOnly) {
  recent_window window;
  const stats_entry* entry = reinterpret_cast<const stats_entry*>(0x10);  // only used as a key
  window.add(entry, 100, of({1000, 1000, 1000}));                         // slow, long ago
  window.add(entry, 105, of({10}));
  window.add(entry, 109, of({20}));
  EXPECT_NEAR(*window.percentile_ms(entry, 1.0, 109), 1000, 1) << "second 100 is inside (100, 109]";
  EXPECT_NEAR(*window.percentile_ms(entry, 1.0, 110), 20, 0.2) << "at 110 the second 100 has left the window";
  EXPECT_NEAR(*window.percentile_ms(entry, 0.5, 110), 10, 0.1);
  EXPECT_FALSE(window.percentile_ms(entry, 0.5, 120)) << "no requests in the last 10 s";
}

TEST(RecentWindow, ASlotIsReusedForANewSecondAndDeltasOfOneSecondAddUp) {
  recent_window window;
  const stats_entry* a = reinterpret_cast<const stats_entry*>(0x10);
  const stats_entry* b = reinterpret_cast<const stats_entry*>(0x20);
  window.add(a, 1, of({5}));
  window.add(a, 1, of({7}));
  window.add(b, 1, of({100}));
  EXPECT_NEAR(*window.percentile_ms(a, 1.0, 1), 7, 0.1);
  EXPECT_NEAR(*window.percentile_ms(b, 1.0, 1), 100, 1);
  window.add(a, 11, of({3}));  // same ring slot as second 1
  EXPECT_NEAR(*window.percentile_ms(a, 1.0, 11), 3, 0.1);
  EXPECT_FALSE(window.percentile_ms(b, 1.0, 11));
  window.add(a, 1, of({999}));  // older than the slot's second: dropped
  EXPECT_NEAR(*window.percentile_ms(a, 1.0, 11), 3, 0.1);
  window.clear();
  EXPECT_FALSE(window.percentile_ms(a, 1.0, 11));
}

TEST(RecentWindow, TheRegistryKeepsItOnlyWhenAskedAndClearsItOnReset) {
  stats_registry registry;
  stats_shard shard;
  double now = epoch_seconds_now();
  shard.record(request_sample{"GET", "/a", 40 * ms, 100, now, {}});
  registry.merge(shard);
  const stats_entry* entry = registry.find("/a", "GET");
  ASSERT_NE(entry, nullptr);
  EXPECT_FALSE(registry.current_percentile_ms(*entry, 0.5, now)) << "off by default";

  registry.keep_recent_window(true);
  registry.merge(shard);
  now = epoch_seconds_now();
  EXPECT_NEAR(*registry.current_percentile_ms(*entry, 0.5, now), 40, 0.4);
  EXPECT_NEAR(*registry.current_percentile_ms(registry.total(), 0.95, now), 40, 0.4);
  registry.reset();
  EXPECT_FALSE(registry.current_percentile_ms(registry.total(), 0.5, now));
}

}  // namespace
}  // namespace locustpp::stats
