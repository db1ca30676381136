// stats_registry + stats_shard: merging, Aggregated totals, error/exception grouping, rates, reset, reuse.
#include "stats/stats_registry.hpp"

#include <gtest/gtest.h>

#include <cstdint>
#include <string>

#include "stats/stats_shard.hpp"

namespace locustpp::stats {
namespace {

constexpr double run_start = 1'000.0;  // epoch s used as the registry's start in these tests
constexpr std::uint64_t ms = 1'000'000;  // ns per ms

request_sample sample(std::string_view method, std::string_view name, std::uint64_t response_ns, double start,
                      std::string_view error = {}, std::uint64_t length = 100) {
  return request_sample{method, name, response_ns, length, start, error};
}

TEST(StatsRegistry, MergesShardIntoEntriesAndAggregated) {
  stats_shard shard;
  shard.record(sample("GET", "/a", 10 * ms, 1001.0, {}, 100));
  shard.record(sample("GET", "/a", 30 * ms, 1001.5, "boom", 300));
  shard.record(sample("POST", "/a", 5 * ms, 1002.0, {}, 50));
  shard.record(sample("GET", "/b", 20 * ms, 1003.0, {}, 0));
  EXPECT_FALSE(shard.empty());
  EXPECT_EQ(shard.num_requests(), 4u);

  stats_registry registry(run_start);
  registry.merge(shard);

  const auto entries = registry.sorted_entries();
  ASSERT_EQ(entries.size(), 3u);
  EXPECT_EQ(entries[0]->name(), "/a");
  EXPECT_EQ(entries[0]->method(), "GET");
  EXPECT_EQ(entries[1]->name(), "/a");
  EXPECT_EQ(entries[1]->method(), "POST");
  EXPECT_EQ(entries[2]->name(), "/b");

  const stats_entry& get_a = *entries[0];
  EXPECT_EQ(get_a.num_requests(), 2u);
  EXPECT_EQ(get_a.num_failures(), 1u);
  EXPECT_DOUBLE_EQ(get_a.fail_ratio(), 0.5);
  EXPECT_DOUBLE_EQ(get_a.avg_response_time_ms(), 20.0);  // failures count in response times
  EXPECT_DOUBLE_EQ(get_a.min_response_time_ms(), 10.0);
  EXPECT_DOUBLE_EQ(get_a.max_response_time_ms(), 30.0);
  EXPECT_NEAR(get_a.median_response_time_ms(), 10.0, 0.08);
  EXPECT_DOUBLE_EQ(get_a.percentile_ms(1.0), 30.0);
  EXPECT_DOUBLE_EQ(get_a.avg_content_length(), 200.0);
  EXPECT_DOUBLE_EQ(get_a.start_time(), 1001.0);
  EXPECT_DOUBLE_EQ(get_a.last_request_timestamp(), 1001.53);  // completion = start + response time
  EXPECT_EQ(registry.find("/a", "GET"), &get_a);
  EXPECT_EQ(registry.find("/a", "PUT"), nullptr);

  const stats_entry& total = registry.total();
  EXPECT_EQ(total.name(), "Aggregated");
  EXPECT_EQ(total.method(), "");
  EXPECT_EQ(total.num_requests(), 4u);
  EXPECT_EQ(total.num_failures(), 1u);
  EXPECT_DOUBLE_EQ(total.total_response_time_ms(), 65.0);
  EXPECT_EQ(total.total_content_length(), 450u);
  EXPECT_DOUBLE_EQ(total.min_response_time_ms(), 5.0);
  EXPECT_DOUBLE_EQ(total.max_response_time_ms(), 30.0);
  EXPECT_DOUBLE_EQ(total.start_time(), run_start);
  EXPECT_DOUBLE_EQ(total.last_request_timestamp(), 1003.02);
  EXPECT_TRUE(registry.has_failures());
}

TEST(StatsRegistry, TotalRpsUsesTheRunSpanForEveryEntry) {
  stats_shard shard;
  for (int i = 0; i < 30; ++i) shard.record(sample("GET", "/x", 0, 1000.0 + i * 0.1));
  for (int i = 0; i < 10; ++i) shard.record(sample("GET", "/y", 0, 1000.0 + i * 0.1, "bad"));
  shard.record(sample("GET", "/y", 0, 1004.0));  // last completion: 4 s after the run start
  stats_registry registry(run_start);
  registry.merge(shard);

  EXPECT_DOUBLE_EQ(registry.total().total_rps(), 41.0 / 4.0);
  EXPECT_DOUBLE_EQ(registry.total().total_fail_per_sec(), 10.0 / 4.0);
  EXPECT_DOUBLE_EQ(registry.find("/x", "GET")->total_rps(), 30.0 / 4.0);
  EXPECT_DOUBLE_EQ(registry.find("/y", "GET")->total_rps(), 11.0 / 4.0);
  EXPECT_DOUBLE_EQ(registry.find("/y", "GET")->total_fail_per_sec(), 10.0 / 4.0);

  stats_registry idle(run_start);
  EXPECT_DOUBLE_EQ(idle.total().total_rps(), 0.0);
}

TEST(StatsRegistry, CurrentRpsAveragesTenSecondsSkippingTheNewestTwo) {
  stats_shard shard;
  // Second 1000+s gets s+1 requests (s = 0..20), one failure each from second 1010 on.
  for (int second = 0; second <= 20; ++second) {
    for (int i = 0; i <= second; ++i) {
      const bool fail = second >= 10 && i == 0;
      shard.record(sample("GET", "/r", 0, 1000.0 + second + 0.5, fail ? "x" : ""));
    }
  }
  stats_registry registry(run_start);
  registry.merge(shard);
  const stats_entry& total = registry.total();

  // now 1021.7 -> L = 1021, seconds 1009..1018 hold 10..19 requests: mean 14.5
  EXPECT_DOUBLE_EQ(total.current_rps(1021.7), 14.5);
  EXPECT_DOUBLE_EQ(total.current_fail_per_sec(1021.7), 0.9);  // 1010..1018: 9 failures / 10 s
  EXPECT_DOUBLE_EQ(registry.find("/r", "GET")->current_rps(1021.7), 14.5);
  // Early in the run the window starts at the run start: now 1005 -> seconds 1000..1002
  EXPECT_DOUBLE_EQ(total.current_rps(1005.0), (1.0 + 2.0 + 3.0) / 3.0);
  // Before 3 s have passed the window is empty.
  EXPECT_DOUBLE_EQ(total.current_rps(1002.9), 0.0);
  // Long after the last request the window holds zeros.
  EXPECT_DOUBLE_EQ(total.current_rps(2000.0), 0.0);
}

TEST(StatsRegistry, ErrorsGroupByMethodNameAndAddressFoldedText) {
  stats_shard shard;
  shard.record(sample("GET", "/a", ms, 1001.0, "ConnectionError(<Conn object at 0x7f3a2b1c9d00>: refused)"));
  shard.record(sample("GET", "/a", ms, 1002.0, "ConnectionError(<Conn object at 0x55d0e1a2b3c4>: refused)"));
  shard.record(sample("GET", "/a", ms, 1003.0, "ConnectionError(<Conn object at 0x7f3a2b1c9d00>: refused)"));
  shard.record(sample("POST", "/a", ms, 1001.5, "ConnectionError(<Conn object at 0x7f3a2b1c9d00>: refused)"));
  shard.record(sample("GET", "/a", ms, 1004.0, "HTTPError 0x1F"));  // a short code, not an address

  stats_registry registry(run_start);
  registry.merge(shard);
  const auto errors = registry.sorted_errors();
  ASSERT_EQ(errors.size(), 3u);
  EXPECT_EQ(errors[0]->method, "GET");
  EXPECT_EQ(errors[0]->name, "/a");
  EXPECT_EQ(errors[0]->error, "ConnectionError(<Conn object at 0x....>: refused)");
  EXPECT_EQ(errors[0]->occurrences, 3u);
  EXPECT_DOUBLE_EQ(errors[0]->first_seen, 1001.001);
  EXPECT_DOUBLE_EQ(errors[0]->last_seen, 1003.001);
  EXPECT_EQ(errors[1]->error, "HTTPError 0x1F");  // tie on 1 occurrence: (method, name, error) order
  EXPECT_EQ(errors[2]->method, "POST");

  // A second shard adds to the same group and widens its time span.
  stats_shard later;
  later.record(sample("GET", "/a", ms, 1010.0, "ConnectionError(<Conn object at 0x000011112222>: refused)"));
  registry.merge(later);
  EXPECT_EQ(registry.sorted_errors()[0]->occurrences, 4u);
  EXPECT_DOUBLE_EQ(registry.sorted_errors()[0]->last_seen, 1010.001);
  EXPECT_DOUBLE_EQ(registry.sorted_errors()[0]->first_seen, 1001.001);
}

TEST(StatsRegistry, ExceptionsGroupByMessageWithNodes) {
  stats_shard first, second;
  first.record_exception("ValueError: bad", "Traceback 1");
  first.record_exception("ValueError: bad", "Traceback 2");
  first.record_exception("KeyError: k", "Traceback 3");
  second.record_exception("ValueError: bad", "Traceback 4");
  EXPECT_FALSE(first.empty());

  stats_registry registry(run_start);
  EXPECT_FALSE(registry.has_failures());
  registry.merge(first, "worker-1");
  registry.merge(second, "worker-2");
  registry.merge(first, "worker-1");  // the same node twice is listed once

  const auto exceptions = registry.sorted_exceptions();
  ASSERT_EQ(exceptions.size(), 2u);
  EXPECT_EQ(exceptions[0]->message, "ValueError: bad");
  EXPECT_EQ(exceptions[0]->count, 5u);
  EXPECT_EQ(exceptions[0]->traceback, "Traceback 1");
  EXPECT_EQ(exceptions[0]->nodes, (std::vector<std::string>{"worker-1", "worker-2"}));
  EXPECT_EQ(exceptions[1]->message, "KeyError: k");
  EXPECT_EQ(exceptions[1]->count, 2u);
  EXPECT_TRUE(registry.has_failures());  // user exceptions count for the exit code
  EXPECT_EQ(registry.total().num_requests(), 0u);
}

TEST(StatsRegistry, ResetClearsEverythingAndRestartsTheClock) {
  stats_shard shard;
  shard.record(sample("GET", "/a", ms, 1001.0, "boom"));
  shard.record_exception("E", "tb");
  stats_registry registry(run_start);
  registry.merge(shard);
  ASSERT_TRUE(registry.has_failures());

  registry.reset(2000.0);
  EXPECT_TRUE(registry.sorted_entries().empty());
  EXPECT_TRUE(registry.sorted_errors().empty());
  EXPECT_TRUE(registry.sorted_exceptions().empty());
  EXPECT_EQ(registry.total().num_requests(), 0u);
  EXPECT_DOUBLE_EQ(registry.total().start_time(), 2000.0);
  EXPECT_DOUBLE_EQ(registry.total().last_request_timestamp(), 0.0);
  EXPECT_FALSE(registry.has_failures());

  // Entries created after the reset point at the new Aggregated entry.
  stats_shard after;
  after.record(sample("GET", "/a", ms, 2001.0));
  registry.merge(after);
  EXPECT_NEAR(registry.find("/a", "GET")->total_rps(), 1.0 / 1.001, 1e-9);
}

TEST(StatsShard, ClearedShardIsReusedWithoutDoubleCounting) {
  stats_shard shard;
  stats_registry registry(run_start);
  shard.record(sample("GET", "/a", 10 * ms, 1001.0, "boom", 10));
  shard.record(sample("GET", "/b", 10 * ms, 1001.0, {}, 10));
  shard.record_exception("E", "tb");
  registry.merge(shard);
  shard.clear();
  EXPECT_TRUE(shard.empty());
  EXPECT_EQ(shard.num_requests(), 0u);

  // The cleared entries, failure groups and exceptions must not be merged again.
  registry.merge(shard);
  EXPECT_EQ(registry.total().num_requests(), 2u);
  EXPECT_EQ(registry.sorted_errors()[0]->occurrences, 1u);
  EXPECT_EQ(registry.sorted_exceptions()[0]->count, 1u);

  shard.record(sample("GET", "/a", 20 * ms, 1005.0, {}, 30));
  shard.record(sample("GET", "/a", 40 * ms, 1005.0, "boom", 30));
  shard.record_exception("E", "tb2");
  registry.merge(shard);
  const stats_entry& get_a = *registry.find("/a", "GET");
  EXPECT_EQ(get_a.num_requests(), 3u);
  EXPECT_EQ(get_a.num_failures(), 2u);
  EXPECT_DOUBLE_EQ(get_a.min_response_time_ms(), 10.0);
  EXPECT_DOUBLE_EQ(get_a.max_response_time_ms(), 40.0);
  EXPECT_EQ(get_a.total_content_length(), 70u);
  EXPECT_DOUBLE_EQ(get_a.start_time(), 1001.0);
  EXPECT_EQ(get_a.requests_per_second().at(1001), 1u);
  EXPECT_EQ(get_a.requests_per_second().at(1005), 2u);
  EXPECT_EQ(get_a.failures_per_second().at(1005), 1u);
  EXPECT_EQ(registry.find("/b", "GET")->num_requests(), 1u);
  EXPECT_EQ(registry.sorted_errors()[0]->occurrences, 2u);
  EXPECT_DOUBLE_EQ(registry.sorted_errors()[0]->first_seen, 1001.01);
  EXPECT_EQ(registry.sorted_exceptions()[0]->count, 2u);
  EXPECT_EQ(registry.total().num_requests(), 4u);
}

TEST(StatsShard, MoveKeepsRecordingIntoTheRightShard) {
  stats_shard original;
  original.record(sample("GET", "/a", ms, 1001.0));
  stats_shard moved(std::move(original));
  moved.record(sample("GET", "/a", ms, 1001.0));  // hits the last-entry cache that moved along
  stats_registry registry(run_start);
  registry.merge(moved);
  EXPECT_EQ(registry.find("/a", "GET")->num_requests(), 2u);
}

}  // namespace
}  // namespace locustpp::stats
