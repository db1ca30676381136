// many_names_warning: silent below the threshold, one message with examples at it, then silent.
#include "runtime/many_names_warning.hpp"

#include <gtest/gtest.h>

#include <string>

#include "stats/stats_shard.hpp"

namespace locustpp::runtime {
namespace {

void record_names(stats::stats_registry& registry, int first, int last) {
  stats::stats_shard shard;
  for (int item = first; item <= last; ++item) {
    const std::string name = "/item/" + std::to_string(item);
    shard.record({"GET", name, 1'000'000, 100, 1001.0, {}});
  }
  registry.merge(shard);
}

TEST(ManyNamesWarning, WarnsOnceAtTheThresholdWithExamples) {
  stats::stats_registry registry(1000.0);
  many_names_warning warning(50);
  record_names(registry, 1, 49);
  EXPECT_EQ(warning.check(registry), "");

  record_names(registry, 50, 60);
  const std::string text = warning.check(registry);
  EXPECT_NE(text.find("60 distinct request names so far (e.g. GET /item/1, GET /item/10, GET /item/11)"),
            std::string::npos)
      << text;
  EXPECT_NE(text.find("{.name = \"/item/[id]\"}"), std::string::npos) << text;

  record_names(registry, 61, 200);
  EXPECT_EQ(warning.check(registry), "");  // once is enough
}

TEST(ManyNamesWarning, RepeatedNamesDoNotCount) {
  stats::stats_registry registry(1000.0);
  many_names_warning warning(10);
  for (int round = 0; round < 5; ++round) record_names(registry, 1, 9);
  EXPECT_EQ(registry.entry_count(), 9u);
  EXPECT_EQ(warning.check(registry), "");
}

}  // namespace
}  // namespace locustpp::runtime
