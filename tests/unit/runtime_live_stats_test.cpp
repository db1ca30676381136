#include "runtime/live_stats.hpp"

#include <gtest/gtest.h>

#include <chrono>
#include <cmath>
#include <ctime>
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

// This process's CPU time in seconds, and the time now in seconds, as the test measures them.
double cpu_seconds() {
  timespec now{};
  ::clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &now);
  return static_cast<double>(now.tv_sec) + static_cast<double>(now.tv_nsec) / 1e9;
}
double wall_seconds() {
  return std::chrono::duration<double>(std::chrono::steady_clock::now().time_since_epoch()).count();
}

// How much of a core a busy loop gets depends on the machine's load, so the test
// measures that share itself around the sample's window and checks the sample against
// it, rather than against a fixed percentage.
TEST(ProcessUsage, MeasuresCpuAndResidentMemory) {
  const double outer_wall = wall_seconds(), outer_cpu = cpu_seconds();
  process_usage usage;
  const double inner_wall = wall_seconds(), inner_cpu = cpu_seconds();
  // Spin until this process has used 200 ms of CPU, however long that takes on a busy machine.
  volatile double sink = 0;
  const auto give_up = std::chrono::steady_clock::now() + std::chrono::seconds(20);
  while (cpu_seconds() - inner_cpu < 0.2 && std::chrono::steady_clock::now() < give_up) sink = sink + 1;
  const double inner_cpu_used = cpu_seconds() - inner_cpu, inner_elapsed = wall_seconds() - inner_wall;
  usage_sample sample = usage.sample();
  const double outer_cpu_used = cpu_seconds() - outer_cpu, outer_elapsed = wall_seconds() - outer_wall;
  ASSERT_GE(inner_cpu_used, 0.2) << "the busy loop got no 200 ms of CPU in 20 s";

  // The sample's window lies between the two measured ones: its share of a core is at least the
  // CPU used inside over the time outside, and at most the CPU used outside over the time inside
  // (2 percentage points of slack for the kernel's and the clocks' rounding).
  ASSERT_TRUE(std::isfinite(sample.cpu_percent));
  EXPECT_GE(sample.cpu_percent, inner_cpu_used / outer_elapsed * 100.0 - 2.0);
  EXPECT_LE(sample.cpu_percent, outer_cpu_used / inner_elapsed * 100.0 + 2.0);
  EXPECT_GT(sample.rss_bytes, 1u << 20);
}

}  // namespace
}  // namespace locustpp::runtime
