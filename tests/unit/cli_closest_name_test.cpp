// Tests for cli/closest_name.hpp: edit distance and "Did you mean" picks.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "cli/closest_name.hpp"

namespace locustpp::cli {
namespace {

TEST(EditDistance, CountsSingleEdits) {
  EXPECT_EQ(edit_distance("users", "users"), 0u);
  EXPECT_EQ(edit_distance("user", "users"), 1u);    // insertion
  EXPECT_EQ(edit_distance("userss", "users"), 1u);  // deletion
  EXPECT_EQ(edit_distance("usars", "users"), 1u);   // substitution
  EXPECT_EQ(edit_distance("hots", "host"), 1u);     // adjacent swap
  EXPECT_EQ(edit_distance("", "abc"), 3u);
  EXPECT_EQ(edit_distance("kitten", "sitting"), 3u);
}

TEST(ClosestName, PicksTheNearestCandidate) {
  const std::vector<std::string> names{"--users", "--host", "--headless", "--spawn-rate"};
  EXPECT_EQ(closest_name("--user", names), "--users");
  EXPECT_EQ(closest_name("--hots", names), "--host");
  EXPECT_EQ(closest_name("--headles", names), "--headless");
  EXPECT_EQ(closest_name("--spawn_rate", names), "--spawn-rate");
}

TEST(ClosestName, NothingWhenNoCandidateIsClose) {
  const std::vector<std::string> names{"--users", "--host"};
  EXPECT_EQ(closest_name("--xyzzy-plugh", names), std::nullopt);
  EXPECT_EQ(closest_name("anything", {}), std::nullopt);
}

TEST(ClosestName, TiesGoToTheFirstCandidate) {
  EXPECT_EQ(closest_name("cat", {"bat", "hat"}), "bat");
}

}  // namespace
}  // namespace locustpp::cli
