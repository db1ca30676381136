// The statistics a worker reports and a master merges: what goes out as
// Locust's StatsEntryDict comes back equal, to the exact histogram, and a
// report from a Python worker (bucketed, no extras) is read too.
#include <gtest/gtest.h>

#include <limits>

#include "cluster/message_limits.hpp"
#include "cluster/stats_wire.hpp"
#include "cluster/wire_message.hpp"
#include "stats/stats_registry.hpp"

namespace {

using locustpp::value;
using namespace locustpp;

constexpr double start = 1'800'000'000.0;  // epoch seconds

stats::stats_shard recorded_span() {
  stats::stats_shard shard;
  for (int i = 0; i < 1000; ++i) {
    std::uint64_t ns = 1'000'000 + static_cast<std::uint64_t>(i) * 37'000;  // 1 ms .. 38 ms
    shard.record({"GET", "/items", ns, 100, start + i * 0.01, i % 10 == 0 ? "boom" : ""});
  }
  shard.record({"POST", "/login", 250'000'000, 7, start, ""});
  shard.record_exception("ValueError: bad", "Traceback: here");
  return shard;
}

// Through the wire: report, message encoding, decoding, reading.
stats::stats_shard through_the_wire(const stats::stats_shard& span) {
  value report = cluster::report_of(span, start);
  std::string bytes = cluster::encode_message({"stats", report, "node_1"});
  std::string problem;
  std::optional<cluster::wire_message> message = cluster::decode_message(
      bytes, problem, cluster::limits_for("stats", cluster::message_direction::to_master, false));
  EXPECT_TRUE(message) << problem;
  stats::stats_shard read;
  if (message) {
    EXPECT_EQ(cluster::read_report(message->data, read), "");
  }
  return read;
}

TEST(ClusterStatsWire, AReportMergesLikeTheShardItself) {
  stats::stats_shard span = recorded_span();
  stats::stats_registry direct(start), remote(start);
  direct.merge(span);
  remote.merge(through_the_wire(span));

  ASSERT_EQ(remote.entry_count(), 2u);
  const stats::stats_entry* items = remote.find("/items", "GET");
  const stats::stats_entry* expected = direct.find("/items", "GET");
  ASSERT_NE(items, nullptr);
  EXPECT_EQ(items->num_requests(), 1000u);
  EXPECT_EQ(items->num_failures(), 100u);
  EXPECT_EQ(items->total_content_length(), 100'000u);
  EXPECT_DOUBLE_EQ(items->min_response_time_ms(), expected->min_response_time_ms());
  EXPECT_DOUBLE_EQ(items->max_response_time_ms(), expected->max_response_time_ms());
  for (double fraction : {0.5, 0.9, 0.99, 0.999}) {
    EXPECT_DOUBLE_EQ(items->percentile_ms(fraction), expected->percentile_ms(fraction)) << fraction;
  }
  EXPECT_EQ(items->requests_per_second().sum(0, INT64_MAX), 1000u);
  EXPECT_EQ(items->failures_per_second().sum(0, INT64_MAX), 100u);
  EXPECT_EQ(remote.total().num_requests(), 1001u);
  ASSERT_EQ(remote.sorted_errors().size(), 1u);
  EXPECT_EQ(remote.sorted_errors()[0]->occurrences, 100u);
  ASSERT_EQ(remote.sorted_exceptions().size(), 1u);
  EXPECT_EQ(remote.sorted_exceptions()[0]->count, 1u);
  EXPECT_EQ(remote.sorted_exceptions()[0]->traceback, "Traceback: here");
}

TEST(ClusterStatsWire, TheLocustFieldsAreWhatAPythonMasterReads) {
  value report = cluster::report_of(recorded_span(), start);
  const value& login =
      report["stats"].items()[0]["name"].text() == "/login" ? report["stats"].items()[0] : report["stats"].items()[1];
  EXPECT_EQ(login["method"].text(), "POST");
  EXPECT_EQ(login["num_requests"].integer(), 1);
  EXPECT_DOUBLE_EQ(login["total_response_time"].number(), 250.0);
  EXPECT_DOUBLE_EQ(login["min_response_time"].number(), 250.0);
  ASSERT_EQ(login["response_times"].size(), 1u);
  EXPECT_EQ(login["response_times"].entries()[0].first, value(250));  // an integer key, Locust's bucket
  const value& total = report["stats_total"];
  EXPECT_EQ(total["name"].text(), "Aggregated");
  EXPECT_EQ(total["num_requests"].integer(), 1001);
  EXPECT_EQ(total.size(), 15u);  // Locust's 14 keys and our histogram
  ASSERT_EQ(report["errors"].size(), 1u);
  const auto& [key, error] = report["errors"].entries()[0];
  EXPECT_EQ(key.text(), cluster::error_key("GET", "/items", "boom"));
  EXPECT_EQ(error["occurrences"].integer(), 100);
  EXPECT_EQ(error["error"].text(), "boom");
}

TEST(ClusterStatsWire, ErrorKeysAreLocustsOwn) {
  // hashlib.sha256("GET./a.'boom'".encode()).hexdigest(), as Locust's StatsError.create_key makes it.
  EXPECT_EQ(cluster::error_key("GET", "/a", "boom"),
            "0863377655f1d1930686f0d059ee852b2e9b29b6e43b62bcf301f56d1e5785e3");
}

TEST(ClusterStatsWire, AReportFromAPythonWorkerIsReadFromItsBuckets) {
  value entry = value::map()
                    .set("name", "/foo")
                    .set("method", "GET")
                    .set("last_request_timestamp", start + 2)
                    .set("start_time", start)
                    .set("num_requests", 3)
                    .set("num_none_requests", 0)
                    .set("num_failures", 1)
                    .set("total_response_time", 360.0)
                    .set("max_response_time", 250.0)
                    .set("min_response_time", 10.0)
                    .set("total_content_length", 30)
                    .set("response_times", value::map().set(10, 1).set(100, 1).set(250, 1))
                    .set("num_reqs_per_sec", value::map().set(1'800'000'000, 2).set(1'800'000'002, 1))
                    .set("num_fail_per_sec", value::map().set(1'800'000'002, 1));
  value report = value::map()
                     .set("stats", value::array().push(entry))
                     .set("stats_total", entry)
                     .set("errors", value::map())
                     .set("user_classes_count", value::map().set("Dummy", 1));
  stats::stats_shard read;
  ASSERT_EQ(cluster::read_report(report, read), "");
  stats::stats_registry registry(start);
  registry.merge(read);
  const stats::stats_entry* foo = registry.find("/foo", "GET");
  ASSERT_NE(foo, nullptr);
  EXPECT_EQ(foo->num_requests(), 3u);
  EXPECT_EQ(foo->num_failures(), 1u);
  EXPECT_DOUBLE_EQ(foo->min_response_time_ms(), 10.0);
  EXPECT_DOUBLE_EQ(foo->max_response_time_ms(), 250.0);
  EXPECT_NEAR(foo->median_response_time_ms(), 100.0, 1.0);
  EXPECT_EQ(foo->requests_per_second().at(1'800'000'002), 1u);
}

// A Python worker's entry of `requests` with times from `min_ms` to `max_ms` in Locust's buckets.
value python_entry(std::int64_t requests, double min_ms, double max_ms, value response_times) {
  return value::map()
      .set("name", "/items")
      .set("method", "GET")
      .set("start_time", start)
      .set("num_requests", requests)
      .set("num_failures", 0)
      .set("total_response_time", min_ms + max_ms * static_cast<double>(requests - 1))
      .set("max_response_time", max_ms)
      .set("min_response_time", min_ms)
      .set("response_times", std::move(response_times));
}

value report_with(value entry) {
  return value::map().set("stats", value::array().push(std::move(entry)));
}

// Found by fuzz/fuzz_stats_report: values outside an entry's min and max
// counted in its requests and in none of its percentiles (a histogram is
// read between the two), and a report of what the master read was refused.
TEST(ClusterStatsWire, AHistogramsValuesLieBetweenItsMinAndMax) {
  using stats::latency_histogram;
  auto exact = [](std::size_t low_bucket, std::size_t high_bucket) {
    return python_entry(4, 3.0, 40.0, value::map().set(3, 2).set(40, 2))
        .set("locustpp_histogram",
             value::map()
                 .set("buckets", value::array().push(low_bucket).push(2).push(high_bucket).push(2))
                 .set("sum_ns", 86'000'000)
                 .set("min_ns", 3'000'000)
                 .set("max_ns", 40'000'000));
  };
  stats::stats_shard read;
  EXPECT_NE(cluster::read_report(report_with(exact(120, 300)), read).find("outside min_ns..max_ns"), std::string::npos)
      << "buckets of 120 ns and 300 ns for times of 3 ms to 40 ms";
  EXPECT_NE(cluster::read_report(report_with(python_entry(1, 5.0, 4.0, value::map().set(5, 1))), read), "")
      << "a min above the max";
  EXPECT_TRUE(read.empty());
  ASSERT_EQ(cluster::read_report(report_with(exact(latency_histogram::bucket_index(3'000'000),
                                                   latency_histogram::bucket_index(40'000'000))),
                                 read),
            "");

  // Locust rounds 1051 ms to a bucket of 1100 ms, past the max: counted at the max.
  stats::stats_shard python;
  ASSERT_EQ(
      cluster::read_report(report_with(python_entry(3, 3.0, 1051.0, value::map().set(3, 1).set(1100, 2))), python), "");
  stats::stats_shard again;
  ASSERT_EQ(cluster::read_report(cluster::report_of(python, start), again), "");
  stats::stats_registry registry(start);
  registry.merge(again);
  EXPECT_EQ(registry.total().num_requests(), 3u);
  EXPECT_NEAR(registry.total().median_response_time_ms(), 1051.0, 10.0);
}

// A copy of `report` whose first stats entry has `key` set to `item`.
value with_first_entry_key(const value& report, std::string_view key, value item) {
  value entries = value::array();
  for (const value& entry : report["stats"].items()) entries.push(entry);
  value first = entries.items()[0];
  first.set(key, std::move(item));
  value changed = value::array().push(std::move(first));
  for (std::size_t i = 1; i < entries.size(); ++i) changed.push(entries.items()[i]);
  value copy = report;
  return copy.set("stats", std::move(changed));
}

TEST(ClusterStatsWire, AMalformedReportAddsNothing) {
  value report = cluster::report_of(recorded_span(), start);
  stats::stats_shard read;
  // A histogram that does not add up to the request count.
  EXPECT_NE(cluster::read_report(with_first_entry_key(report, "num_requests", 5), read), "");
  // A bucket index out of range.
  EXPECT_NE(
      cluster::read_report(with_first_entry_key(report, "locustpp_histogram",
                                                value::map().set("buckets", value::array().push(1'000'000).push(1))),
                           read),
      "");
  // Not a map at all; a stats list of numbers; per-second counts that are text.
  EXPECT_NE(cluster::read_report(value(3), read), "");
  EXPECT_NE(cluster::read_report(value::map().set("stats", value::array().push(1)), read), "");
  EXPECT_NE(cluster::read_report(with_first_entry_key(report, "num_reqs_per_sec", "many"), read), "");
  EXPECT_TRUE(read.empty());
  EXPECT_EQ(cluster::read_report(report, read), "");  // the report itself is fine
  EXPECT_FALSE(read.empty());
}

// A span of `names` failing names: a report of that many entries and errors.
stats::stats_shard many_names(int names) {
  stats::stats_shard shard;
  for (int i = 0; i < names; ++i) {
    shard.record({"GET", "/item/" + std::to_string(i), 1'000'000, 0, start, "ConnectionRefusedError(111)"});
  }
  return shard;
}

TEST(ClusterStatsWire, ALargeReportTravelsInWholePiecesThatAddUpToIt) {
  stats::stats_shard span = many_names(2500);
  std::vector<value> pieces = cluster::report_pieces(span, start, cluster::piece_sizes{1000, 600});
  ASSERT_EQ(pieces.size(), 5u) << "2,500 errors in pieces of 600";
  EXPECT_EQ(pieces[0]["stats"].size(), 1000u);
  EXPECT_EQ(pieces[2]["stats"].size(), 500u);
  EXPECT_EQ(pieces[3]["stats"].size(), 0u);
  EXPECT_EQ(pieces[4]["errors"].size(), 100u);
  stats::stats_registry merged(start);
  for (const value& piece : pieces) {
    // Each piece is a whole report: its stats_total is the sum of its own entries.
    std::int64_t sum = 0;
    for (const value& entry : piece["stats"].items()) sum += entry["num_requests"].integer();
    EXPECT_EQ(piece["stats_total"]["num_requests"].integer(), sum);
    stats::stats_shard read;
    ASSERT_EQ(cluster::read_report(piece, read), "");
    merged.merge(read);
  }
  EXPECT_EQ(merged.entry_count(), 2500u);
  EXPECT_EQ(merged.total().num_requests(), 2500u);
  EXPECT_EQ(merged.sorted_errors().size(), 2500u);
  EXPECT_EQ(cluster::report_pieces(stats::stats_shard{}, start).size(), 1u) << "an empty span is one empty report";
}

TEST(ClusterStatsWire, NumbersNoRealReportHoldsAreRefusedWithTheReason) {
  value report = cluster::report_of(recorded_span(), start);
  stats::stats_shard read;
  auto refusal = [&](std::string_view key, value item) {
    return cluster::read_report(with_first_entry_key(report, key, std::move(item)), read);
  };
  EXPECT_NE(refusal("num_failures", 2000).find("2000 failures for "), std::string::npos);
  EXPECT_NE(refusal("num_requests", std::uint64_t{1} << 63).find("not a count up to 1000000000000000"),
            std::string::npos);
  EXPECT_NE(refusal("start_time", std::numeric_limits<double>::quiet_NaN()).find("start_time"), std::string::npos);
  EXPECT_NE(refusal("total_content_length", -5).find("total_content_length"), std::string::npos);
  value seconds = value::map();
  for (int second = 0; second < 4000; ++second) seconds.set(1'800'000'000 + second, 0);
  EXPECT_NE(refusal("num_reqs_per_sec", seconds).find("4000 seconds (at most 3600 in one report)"), std::string::npos);
  EXPECT_NE(refusal("num_reqs_per_sec", value::map().set(1'800'000'000, 5000)).find("num_reqs_per_sec"),
            std::string::npos)
      << "more in one second than the entry's requests";
  EXPECT_TRUE(read.empty());
}

// Found by fuzz/fuzz_stats_report's check that a report of what was read is
// read again: seconds 5 and 5.5 each within the requests became one second
// with more than them.
TEST(ClusterStatsWire, SecondsAddUpToAtMostTheRequests) {
  value entry = python_entry(3, 1.0, 1.0, value::map().set(1, 3));
  stats::stats_shard read;
  EXPECT_NE(cluster::read_report(
                report_with(value(entry).set("num_reqs_per_sec", value::map().set(start, 3).set(start + 0.5, 3))), read)
                .find("add up to more than 3"),
            std::string::npos);
  EXPECT_NE(
      cluster::read_report(report_with(value(entry)
                                           .set("num_failures", 1)
                                           .set("num_fail_per_sec", value::map().set(start, 1).set(start + 1, 1))),
                           read),
      "");
  EXPECT_TRUE(read.empty());
  ASSERT_EQ(
      cluster::read_report(
          report_with(value(entry).set("num_reqs_per_sec", value::map().set(start, 2).set(start + 0.5, 1))), read),
      "");
  stats::stats_shard again;
  EXPECT_EQ(cluster::read_report(cluster::report_of(read, start), again), "");
}

TEST(ClusterStatsWire, SecondsReadInAnyOrderAddUpLikeTheOriginal) {
  value entry = value::map()
                    .set("name", "/foo")
                    .set("method", "GET")
                    .set("last_request_timestamp", start + 30)
                    .set("start_time", start)
                    .set("num_requests", 30)
                    .set("num_failures", 0)
                    .set("total_response_time", 30.0)
                    .set("max_response_time", 1.0)
                    .set("min_response_time", 1.0)
                    .set("response_times", value::map().set(1, 30));
  value seconds = value::map();
  for (int second = 29; second >= 0; --second) seconds.set(1'800'000'000 + second, 1);  // newest first
  entry.set("num_reqs_per_sec", seconds);
  stats::stats_shard read;
  ASSERT_EQ(cluster::read_report(value::map().set("stats", value::array().push(entry)), read), "");
  stats::stats_registry registry(start);
  registry.merge(read);
  const stats::stats_entry* foo = registry.find("/foo", "GET");
  ASSERT_NE(foo, nullptr);
  for (int second = 0; second < 30; ++second) EXPECT_EQ(foo->requests_per_second().at(1'800'000'000 + second), 1u);
}

}  // namespace
