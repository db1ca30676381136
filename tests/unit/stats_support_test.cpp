// Small stats helpers: hex-address folding, per-second counts, composite keys, clock.
#include "stats/error_text.hpp"

#include <gtest/gtest.h>

#include <map>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

#include "stats/clock.hpp"
#include "stats/composite_key.hpp"
#include "stats/per_second_counts.hpp"

namespace locustpp::stats {
namespace {

std::string fold(std::string_view text) {
  std::string scratch;
  return std::string{fold_hex_addresses(text, scratch)};
}

TEST(FoldHexAddresses, ReplacesAddressesAndKeepsTheRest) {
  EXPECT_EQ(fold("<Foo object at 0x7f3a2b1c>"), "<Foo object at 0x....>");
  EXPECT_EQ(fold("a 0x7F3A2B1C9D00 b 0x55d0e1a2b3c4"), "a 0x.... b 0x....");
  EXPECT_EQ(fold("0xdeadbeef"), "0x....");
  EXPECT_EQ(fold("code 0x1F"), "code 0x1F");              // too short to be an address
  EXPECT_EQ(fold("id10x7f3a2b1c"), "id10x7f3a2b1c");      // part of a word
  EXPECT_EQ(fold("0x7f3a2b1cz"), "0x7f3a2b1cz");          // runs into a word
  EXPECT_EQ(fold(""), "");
  EXPECT_EQ(fold("0x"), "0x");
}

TEST(FoldHexAddresses, ReturnsInputViewWhenUnchanged) {
  std::string scratch = "stale";
  const std::string_view text = "no addresses here";
  EXPECT_EQ(fold_hex_addresses(text, scratch).data(), text.data());
}

TEST(PerSecondCounts, AddsSumsAndIterates) {
  per_second_counts counts;
  EXPECT_EQ(counts.at(5), 0u);
  counts.add(1000, 3);
  counts.add(1002, 4);
  counts.add(1000, 1);
  counts.add(999, 2);  // late but within the kept hour
  EXPECT_EQ(counts.at(1000), 4u);
  EXPECT_EQ(counts.at(1001), 0u);
  EXPECT_EQ(counts.sum(990, 1010), 10u);
  EXPECT_EQ(counts.sum(1001, 1002), 4u);
  EXPECT_EQ(counts.sum(1002, 1001), 0u);
  std::vector<std::pair<std::int64_t, std::uint64_t>> seen;
  counts.for_each([&](std::int64_t second, std::uint64_t count) { seen.emplace_back(second, count); });
  EXPECT_EQ(seen, (std::vector<std::pair<std::int64_t, std::uint64_t>>{{999, 2}, {1000, 4}, {1002, 4}}));
}

TEST(PerSecondCounts, KeepsOnlyTheNewestHour) {
  per_second_counts counts;
  counts.add(1000, 1);
  counts.add(1000 + per_second_counts::retained_seconds - 1, 2);
  EXPECT_EQ(counts.at(1000), 1u);  // still exactly one hour
  counts.add(1000 + per_second_counts::retained_seconds, 3);
  EXPECT_EQ(counts.at(1000), 0u);  // pushed out
  EXPECT_EQ(counts.at(1000 + per_second_counts::retained_seconds), 3u);
  counts.add(500, 9);              // too old: dropped
  EXPECT_EQ(counts.sum(0, 1'000'000), 5u);
  counts.add(100'000, 7);          // a jump of more than an hour forgets everything older
  EXPECT_EQ(counts.sum(0, 1'000'000), 7u);
  counts.clear();
  EXPECT_EQ(counts.sum(0, 1'000'000), 0u);
  counts.add(42, 1);
  EXPECT_EQ(counts.sum(0, 1'000'000), 1u);
}

TEST(PerSecondCounts, StaysBoundedOverManyHoursAndSaturates) {
  per_second_counts counts;
  constexpr std::int64_t start = 1'700'000'000;
  constexpr std::int64_t hours = 5;
  for (std::int64_t second = start; second < start + hours * per_second_counts::retained_seconds; ++second) {
    counts.add(second, 1);
  }
  const std::int64_t newest = start + hours * per_second_counts::retained_seconds - 1;
  EXPECT_EQ(counts.sum(0, newest), static_cast<std::uint64_t>(per_second_counts::retained_seconds));
  std::int64_t first_seen = 0, seen = 0;
  counts.for_each([&](std::int64_t second, std::uint64_t count) {
    if (seen++ == 0) first_seen = second;
    EXPECT_EQ(count, 1u);
  });
  EXPECT_EQ(seen, per_second_counts::retained_seconds);
  EXPECT_EQ(first_seen, newest - per_second_counts::retained_seconds + 1);
  EXPECT_EQ(counts.at(newest - per_second_counts::retained_seconds), 0u);

  counts.add(newest, std::uint64_t{1} << 40);  // far beyond 32 bits: held at the maximum
  EXPECT_EQ(counts.at(newest), std::uint64_t{0xFFFF'FFFF});
}

TEST(PerSecondCounts, LateSecondsAreInsertedInOrder) {
  per_second_counts counts;
  counts.add(2000, 1);
  counts.add(2010, 1);
  counts.add(2005, 2);
  counts.add(1990, 3);
  counts.add(2005, 4);
  std::vector<std::pair<std::int64_t, std::uint64_t>> seen;
  counts.for_each([&](std::int64_t second, std::uint64_t count) { seen.emplace_back(second, count); });
  EXPECT_EQ(seen, (std::vector<std::pair<std::int64_t, std::uint64_t>>{{1990, 3}, {2000, 1}, {2005, 6}, {2010, 1}}));
  EXPECT_EQ(counts.sum(2001, 2009), 6u);
}

TEST(CompositeKey, SupportsViewLookupInHashedAndOrderedMaps) {
  std::unordered_map<composite_key<2>, int, composite_key_hash, composite_key_equal> hashed;
  hashed.emplace(composite_key<2>{{"/a", "GET"}}, 1);
  EXPECT_EQ(hashed.find(key_views<2>{"/a", "GET"})->second, 1);
  EXPECT_EQ(hashed.find(key_views<2>{"/a", "POST"}), hashed.end());
  // The parts are kept apart: ("ab", "c") differs from ("a", "bc").
  hashed.emplace(composite_key<2>{{"ab", "c"}}, 2);
  EXPECT_EQ(hashed.find(key_views<2>{"a", "bc"}), hashed.end());

  std::map<composite_key<2>, int, composite_key_less> ordered;
  ordered.emplace(composite_key<2>{{"/b", "GET"}}, 3);
  ordered.emplace(composite_key<2>{{"/a", "POST"}}, 2);
  ordered.emplace(composite_key<2>{{"/a", "GET"}}, 1);
  std::vector<int> order;
  for (const auto& [key, value] : ordered) order.push_back(value);
  EXPECT_EQ(order, (std::vector<int>{1, 2, 3}));
  EXPECT_EQ(ordered.find(key_views<2>{"/a", "POST"})->second, 2);
}

TEST(Clock, EpochSecondsIsRecent) {
  const double now = epoch_seconds_now();
  EXPECT_GT(now, 1.7e9);  // after November 2023
  EXPECT_LT(now, 4.1e9);
}

}  // namespace
}  // namespace locustpp::stats
