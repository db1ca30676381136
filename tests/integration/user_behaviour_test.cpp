// User behaviour through the real host: nested and sequential task sets,
// on_start/on_stop, StopUser, tags, fixed_count, constant_pacing.
#include <gtest/gtest.h>

#include <rapidjson/document.h>

#include "demo_target.hpp"
#include "locustpp_run.hpp"

namespace locustpp::testing {
namespace {

run_result run_class(const demo_target& target, std::vector<std::string> classes, const std::string& users,
                     const std::string& seconds, std::vector<std::string> extra = {}) {
  // Classes first: options with several values (-T, -E) take what follows.
  std::vector<std::string> args = classes;
  std::vector<std::string> options{
      "-f",         test_plugin("behaviours"), "--headless", "-u", users, "-r", "100", "-t", seconds, "-s", "5", "-H",
      target.url(), "--only-summary"};
  args.insert(args.end(), options.begin(), options.end());
  args.insert(args.end(), extra.begin(), extra.end());
  return run_locustpp(args);
}

TEST(UserBehaviour, SequentialTaskSetRunsInOrderUntilInterrupted) {
  demo_target target;
  run_result result = run_class(target, {"Shopper"}, "3", "2s");
  ASSERT_EQ(result.exit_code, 0) << result.err;
  auto pays = result.of("GET", "pay").requests;
  auto carts = result.of("GET", "cart").requests;
  auto browses = result.of("GET", "browse").requests;
  auto visits = result.of("GET", "flow-start").requests;
  EXPECT_GT(pays, 3u);
  // browse has weight 2 in the sequence: two browses, one cart per pay; at
  // the stop each of the 3 users may be part-way through a visit.
  EXPECT_GE(carts, pays);
  EXPECT_LE(carts, pays + 3);
  EXPECT_GE(browses, 2 * carts);
  EXPECT_LE(browses, 2 * carts + 6);
  EXPECT_GE(visits, pays);
  EXPECT_LE(visits, pays + 3);
  // every visit ends with the set's on_stop: after interrupt(), or when the
  // user stops inside the set.
  EXPECT_EQ(result.of("GET", "flow-stop").requests, visits);
}

TEST(UserBehaviour, OnStartAndOnStopRunOncePerUser) {
  demo_target target;
  run_result result = run_class(target, {"Shopper"}, "4", "2s");
  ASSERT_EQ(result.exit_code, 0) << result.err;
  EXPECT_EQ(result.of("GET", "user-start").requests, 4u);
  EXPECT_EQ(result.of("GET", "user-stop").requests, 4u);
}

TEST(UserBehaviour, StopUserEndsTheUserAfterItsOnStop) {
  demo_target target;
  run_result result = run_class(target, {"Quitter"}, "3", "2s");
  ASSERT_EQ(result.exit_code, 0) << result.err;
  EXPECT_EQ(result.of("GET", "quitter-task").requests, 9u);
  EXPECT_EQ(result.of("GET", "quitter-stop").requests, 3u);
}

TEST(UserBehaviour, TagsSelectAndExcludeTasks) {
  demo_target target;
  run_result only_fast = run_class(target, {"Tagged"}, "2", "1s", {"-T", "fast"});
  EXPECT_GT(only_fast.of("GET", "fast").requests, 0u);
  EXPECT_EQ(only_fast.of("GET", "slow").requests, 0u);
  EXPECT_EQ(only_fast.of("GET", "untagged").requests, 0u);
  run_result not_slow = run_class(target, {"Tagged"}, "2", "1s", {"-E", "slow"});
  EXPECT_GT(not_slow.of("GET", "fast").requests, 0u);
  EXPECT_GT(not_slow.of("GET", "untagged").requests, 0u);
  EXPECT_EQ(not_slow.of("GET", "slow").requests, 0u);
}

TEST(UserBehaviour, FixedCountUsersComeFirstThenWeighted) {
  demo_target target;
  run_result result = run_class(target, {"Fixed", "Weighted"}, "5", "1s");
  ASSERT_EQ(result.exit_code, 0) << result.err;
  EXPECT_EQ(result.of("GET", "fixed-start").requests, 2u);
  EXPECT_EQ(result.of("GET", "weighted-start").requests, 3u);
}

// More users than the fixed counts add up to, and no weighted class: the
// fixed users run (Locust's dispatcher does the same) and the run goes on
// to its end instead of aborting.
TEST(UserBehaviour, MoreUsersThanFixedCountsRunsTheFixedOnes) {
  demo_target target;
  run_result result = run_class(target, {"Fixed"}, "5", "1s");
  ASSERT_EQ(result.exit_code, 0) << result.err;
  EXPECT_EQ(result.of("GET", "fixed-start").requests, 2u);
  EXPECT_NE(result.err.find("All user classes have fixed counts, which add up to 2 users: running 2 instead of 5"),
            std::string::npos)
      << result.err;
  EXPECT_NE(result.err.find("--run-time limit reached"), std::string::npos) << result.err;
}

TEST(UserBehaviour, SequentialWeightsBeyond32BitsStillRunInOrder) {
  demo_target target;
  run_result result = run_class(target, {"HugeSequentialWeights"}, "1", "1s");
  ASSERT_EQ(result.exit_code, 0) << result.err;
  EXPECT_GT(result.of("GET", "huge-first").requests, 10u);
  EXPECT_EQ(result.of("GET", "huge-second").requests, 0u) << "the first task repeats 2^31 times first";
}

// --reset-stats: what the ramp-up made is forgotten once every user runs.
// One user a second for 2 paced users: the first user's first second is reset.
TEST(UserBehaviour, ResetStatsForgetsTheRampUp) {
  demo_target target;
  run_result result = run_locustpp({"Tagged", "-f", test_plugin("behaviours"), "--headless", "-u", "2", "-r", "1", "-t",
                                    "3s", "-s", "5", "-H", target.url(), "--reset-stats", "--only-summary"});
  ASSERT_EQ(result.exit_code, 0) << result.err;
  EXPECT_NE(result.err.find("Resetting stats"), std::string::npos) << result.err;
  rapidjson::Document counters;
  counters.Parse(http_get_body(target.port(), "/__counters").c_str());
  ASSERT_TRUE(counters.IsObject());
  std::uint64_t seen = counters["by_path"]["/status/200"].GetUint64();
  std::uint64_t reported = result.total_requests();
  EXPECT_GT(reported, 0u);
  // Without the reset: 1 user for 1 s + 2 users for 2 s = 5 user-seconds;
  // with it, 4: about 80% of what the server saw.
  EXPECT_LT(reported, seen * 9 / 10) << reported << " of " << seen;
  EXPECT_GT(reported, seen * 6 / 10) << reported << " of " << seen;
}

TEST(UserBehaviour, RescheduleSkipsOrKeepsTheWait) {
  demo_target target;
  run_result now = run_class(target, {"RescheduleNow"}, "1", "2s");
  run_result later = run_class(target, {"RescheduleLater"}, "1", "2s");
  ASSERT_EQ(now.exit_code, 0) << now.err;
  ASSERT_EQ(later.exit_code, 0) << later.err;
  EXPECT_GT(now.of("GET", "reschedule-now").requests, 20u) << "no 0.5 s wait between tasks";
  EXPECT_GE(later.of("GET", "reschedule-later").requests, 3u);
  EXPECT_LE(later.of("GET", "reschedule-later").requests, 5u) << "a 0.5 s wait after each task";
}

TEST(UserBehaviour, ConstantPacingStartsTasksOnSchedule) {
  demo_target target;
  run_result result = run_class(target, {"Paced"}, "2", "2s");
  ASSERT_EQ(result.exit_code, 0) << result.err;
  // 2 users × one task every 0.5 s over 2 s: 4 or 5 each.
  auto ticks = result.of("GET", "paced").requests;
  EXPECT_GE(ticks, 8u);
  EXPECT_LE(ticks, 10u);
}

}  // namespace
}  // namespace locustpp::testing
