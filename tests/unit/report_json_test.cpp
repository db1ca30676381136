// stats_json: parsed back with RapidJSON; Locust's keys and values, bucket mapping, no reset.
#include "report/stats_json.hpp"

#include <gtest/gtest.h>
#include <rapidjson/document.h>

#include <string>

#include "report/locust_buckets.hpp"
#include "stats/stats_shard.hpp"

namespace locustpp::report {
namespace {

constexpr std::uint64_t us = 1'000;  // ns per microsecond

stats::stats_registry known_registry() {
  stats::stats_registry registry(1000.0);
  stats::stats_shard shard;
  // Response times chosen away from Locust's rounding edges (our buckets are within 0.8%).
  const double response_ms[] = {0.3, 1.2, 47.0, 146.0, 152.0, 163.0, 1'234.0, 12'345.0};
  double start = 1001.0;
  for (const double ms : response_ms) {
    shard.record({"GET", "/mix", static_cast<std::uint64_t>(ms * 1'000) * us, 10, start, {}});
    start += 0.4;
  }
  shard.record({"GET", "/mix", 5'000 * us, 10, 1001.0, "boom"});
  shard.record({"POST", "/a", 2'000 * us, 7, 1002.0, {}});
  registry.merge(shard);
  return registry;
}

rapidjson::Document parse(const std::string& text) {
  rapidjson::Document document;
  document.Parse(text.c_str());
  EXPECT_FALSE(document.HasParseError()) << text;
  return document;
}

// A name with invalid UTF-8 and control characters still gives JSON that a
// strict decoder reads: U+FFFD for the bytes, escapes for the controls.
TEST(StatsJson, NamesAreValidUtf8AndEscaped) {
  stats::stats_registry registry(1000.0);
  stats::stats_shard shard;
  using namespace std::string_literals;  // the literals hold NUL
  const std::string name = "/\xFF\x80\xE2\x82\x1b\n\0\""s;
  shard.record({"GET", name, us, 0, 1001.0, {}});
  registry.merge(shard);
  const std::string text = stats_json(registry);
  const std::string fffd = "\xEF\xBF\xBD";
  EXPECT_EQ(text.find('\x1b'), std::string::npos);
  EXPECT_NE(text.find(R"("name": "/)" + fffd + fffd + fffd + R"(\u001B\n\u0000\"")"), std::string::npos)
      << "RapidJSON's escapes" << text;
  rapidjson::Document strict;
  strict.Parse<rapidjson::kParseValidateEncodingFlag>(text.c_str());
  ASSERT_FALSE(strict.HasParseError()) << text;
  EXPECT_EQ(std::string(strict[0]["name"].GetString(), strict[0]["name"].GetStringLength()),
            "/" + fffd + fffd + fffd + "\x1b\n\0\""s);
}

TEST(StatsJson, OneObjectPerEntryWithoutAggregated) {
  const rapidjson::Document document = parse(stats_json(known_registry()));
  ASSERT_TRUE(document.IsArray());
  ASSERT_EQ(document.Size(), 2u);
  EXPECT_STREQ(document[0]["name"].GetString(), "/a");  // sorted by (name, method)
  EXPECT_STREQ(document[0]["method"].GetString(), "POST");
  EXPECT_STREQ(document[1]["name"].GetString(), "/mix");
}

TEST(StatsJson, LocustKeysAndValues) {
  const rapidjson::Document document = parse(stats_json(known_registry()));
  const auto& mix = document[1];
  for (const char* key : {"name", "method", "last_request_timestamp", "start_time", "num_requests",
                          "num_none_requests", "num_failures", "total_response_time", "max_response_time",
                          "min_response_time", "total_content_length", "response_times", "num_reqs_per_sec",
                          "num_fail_per_sec", "percentiles"}) {
    EXPECT_TRUE(mix.HasMember(key)) << key;
  }
  EXPECT_EQ(mix["num_requests"].GetUint64(), 9u);
  EXPECT_EQ(mix["num_none_requests"].GetUint64(), 0u);
  EXPECT_EQ(mix["num_failures"].GetUint64(), 1u);
  EXPECT_NEAR(mix["total_response_time"].GetDouble(), 0.3 + 1.2 + 47 + 146 + 152 + 163 + 1234 + 12345 + 5, 1e-6);
  EXPECT_DOUBLE_EQ(mix["min_response_time"].GetDouble(), 0.3);
  EXPECT_DOUBLE_EQ(mix["max_response_time"].GetDouble(), 12'345.0);
  EXPECT_EQ(mix["total_content_length"].GetUint64(), 90u);
  EXPECT_DOUBLE_EQ(mix["start_time"].GetDouble(), 1001.0);
  // The 12.345 s request started at 1003.8 s: the latest completion.
  EXPECT_NEAR(mix["last_request_timestamp"].GetDouble(), 1003.8 + 12.345, 1e-9);
}

TEST(StatsJson, ResponseTimesUseLocustBuckets) {
  const rapidjson::Document document = parse(stats_json(known_registry()));
  const auto& buckets = document[1]["response_times"];
  ASSERT_TRUE(buckets.IsObject());
  // 0.3 -> 0, 1.2 -> 1, 5 -> 5, 47 -> 47, 146/152 -> 150 (summed), 163 -> 160, 1234 -> 1200, 12345 -> 12000
  const std::pair<const char*, std::uint64_t> expected[] = {{"0", 1},   {"1", 1},    {"5", 1},     {"47", 1},
                                                            {"150", 2}, {"160", 1}, {"1200", 1}, {"12000", 1}};
  ASSERT_EQ(buckets.MemberCount(), std::size(expected));
  std::size_t index = 0;
  for (auto member = buckets.MemberBegin(); member != buckets.MemberEnd(); ++member, ++index) {
    EXPECT_STREQ(member->name.GetString(), expected[index].first);  // ascending, keys are strings
    EXPECT_EQ(member->value.GetUint64(), expected[index].second) << expected[index].first;
  }
}

TEST(StatsJson, PerSecondCountsKeyedByEpochSecond) {
  const rapidjson::Document document = parse(stats_json(known_registry()));
  const auto& mix = document[1];
  // Completions: 1001.0003, 1001.4012, 1001.847, 1002.246, 1002.752, 1003.163, 1004.634,
  // 1016.145 and the failure at 1001.005.
  const auto& requests = mix["num_reqs_per_sec"];
  EXPECT_EQ(requests["1001"].GetUint64(), 4u);
  EXPECT_EQ(requests["1002"].GetUint64(), 2u);
  EXPECT_EQ(requests["1003"].GetUint64(), 1u);
  EXPECT_EQ(requests["1004"].GetUint64(), 1u);
  EXPECT_EQ(requests["1016"].GetUint64(), 1u);
  EXPECT_EQ(requests.MemberCount(), 5u);
  const auto& failures = mix["num_fail_per_sec"];
  EXPECT_EQ(failures.MemberCount(), 1u);
  EXPECT_EQ(failures["1001"].GetUint64(), 1u);
  EXPECT_EQ(document[0]["num_fail_per_sec"].MemberCount(), 0u);  // "{}"
}

TEST(StatsJson, ExactPercentilesExtraKey) {
  const stats::stats_registry registry = known_registry();
  const rapidjson::Document document = parse(stats_json(registry));
  const auto& percentiles = document[1]["percentiles"];
  const char* keys[] = {"0.5", "0.66", "0.75", "0.8", "0.9", "0.95", "0.98", "0.99", "0.999", "0.9999", "1.0"};
  ASSERT_EQ(percentiles.MemberCount(), std::size(keys));
  std::size_t index = 0;
  for (auto member = percentiles.MemberBegin(); member != percentiles.MemberEnd(); ++member, ++index) {
    EXPECT_STREQ(member->name.GetString(), keys[index]);
  }
  EXPECT_DOUBLE_EQ(percentiles["1.0"].GetDouble(), 12'345.0);
  EXPECT_NEAR(percentiles["0.5"].GetDouble(), 146.0, 146.0 * 0.008);  // rank 5 of 9
  EXPECT_DOUBLE_EQ(percentiles["0.5"].GetDouble(), registry.find("/mix", "GET")->percentile_ms(0.5));
}

TEST(StatsJson, DoesNotResetAndIsIndentedByFour) {
  const stats::stats_registry registry = known_registry();
  const std::string first = stats_json(registry);
  EXPECT_EQ(stats_json(registry), first);
  EXPECT_EQ(registry.total().num_requests(), 10u);
  EXPECT_EQ(first.rfind("[\n    {\n        \"name\": \"/a\",\n        \"method\": \"POST\",\n", 0), 0u) << first;
  EXPECT_EQ(stats_json(stats::stats_registry(1000.0)), "[]");
}

TEST(LocustBuckets, RoundsLikePython) {
  EXPECT_EQ(locust_bucket_ms(0.4), 0);
  EXPECT_EQ(locust_bucket_ms(0.5), 0);  // half to even
  EXPECT_EQ(locust_bucket_ms(1.5), 2);
  EXPECT_EQ(locust_bucket_ms(2.5), 2);
  EXPECT_EQ(locust_bucket_ms(99.4), 99);
  EXPECT_EQ(locust_bucket_ms(99.6), 100);
  EXPECT_EQ(locust_bucket_ms(100.0), 100);
  EXPECT_EQ(locust_bucket_ms(147.0), 150);
  EXPECT_EQ(locust_bucket_ms(145.0), 140);
  EXPECT_EQ(locust_bucket_ms(155.0), 160);
  EXPECT_EQ(locust_bucket_ms(999.0), 1000);
  EXPECT_EQ(locust_bucket_ms(3'432.0), 3'400);
  EXPECT_EQ(locust_bucket_ms(1'050.0), 1'000);
  EXPECT_EQ(locust_bucket_ms(1'150.0), 1'200);
  EXPECT_EQ(locust_bucket_ms(58'760.0), 59'000);
  EXPECT_EQ(locust_bucket_ms(14'500.0), 14'000);
}

}  // namespace
}  // namespace locustpp::report
