#include "runtime/live_stats.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <thread>

#include "runtime/process_usage.hpp"
#include "stats/clock.hpp"

namespace locustpp::runtime {
namespace {

stats::stats_shard shard_with(std::string_view name, int successes, int failures, std::uint64_t ms) {
  stats::stats_shard shard;
  double now = stats::epoch_seconds_now();
  for (int i = 0; i < successes; ++i) shard.record({"GET", name, ms * 1'000'000, 10, now, ""});
  for (int i = 0; i < failures; ++i) shard.record({"GET", name, ms * 1'000'000, 0, now, "boom"});
  return shard;
}

TEST(LiveStats, ReadsEntriesAndTheTotal) {
  live_stats stats;
  stats.merge(shard_with("/a", 6, 2, 10));
  stats.merge(shard_with("/b", 2, 0, 30));
  locustpp_stats_view a{};
  ASSERT_TRUE(stats.read("/a", "GET", a));
  EXPECT_EQ(a.num_requests, 8u);
  EXPECT_EQ(a.num_failures, 2u);
  EXPECT_DOUBLE_EQ(a.fail_ratio, 0.25);
  locustpp_stats_view total{};
  ASSERT_TRUE(stats.read("", "", total));
  EXPECT_EQ(total.num_requests, 10u);
  EXPECT_NEAR(total.max_response_time_ms, 30, 0.3);
  EXPECT_FALSE(stats.read("/missing", "GET", a));
  EXPECT_NEAR(stats.percentile("/b", "GET", 0.5), 30, 0.3);
  EXPECT_TRUE(std::isnan(stats.percentile("/missing", "GET", 0.5)));
}

TEST(LiveStats, OffThreadRequestsArriveWithTheNextMerge) {
  live_stats stats;
  std::thread plugin_thread([&] {
    stats.record_off_thread({"SQL", "select", 2'000'000, 0, stats::epoch_seconds_now(), ""});
  });
  plugin_thread.join();
  locustpp_stats_view view{};
  EXPECT_FALSE(stats.read("select", "SQL", view));
  stats.merge(stats::stats_shard{});
  ASSERT_TRUE(stats.read("select", "SQL", view));
  EXPECT_EQ(view.num_requests, 1u);
}

TEST(LiveStats, ResetClearsEverything) {
  live_stats stats;
  stats.merge(shard_with("/a", 3, 0, 1));
  stats.reset();
  locustpp_stats_view total{};
  ASSERT_TRUE(stats.read("", "", total));
  EXPECT_EQ(total.num_requests, 0u);
}

TEST(ProcessUsage, MeasuresCpuAndResidentMemory) {
  process_usage usage;
  volatile double sink = 0;
  auto until = std::chrono::steady_clock::now() + std::chrono::milliseconds(200);
  while (std::chrono::steady_clock::now() < until) sink = sink + 1;
  usage_sample sample = usage.sample();
  EXPECT_GT(sample.cpu_percent, 30.0) << "a busy loop uses most of a core";
  EXPECT_LT(sample.cpu_percent, 250.0);
  EXPECT_GT(sample.rss_bytes, 1u << 20);
}

}  // namespace
}  // namespace locustpp::runtime
