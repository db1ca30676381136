// What a master knows it did not get: a worker gone with results it had not
// reported (unless it comes back), reports dropped or never arrived.
#include <gtest/gtest.h>

#include "cluster/lost_results.hpp"

namespace {

using locustpp::value;
using namespace locustpp::cluster;

worker_record worker_with(std::uint64_t unreported, std::uint64_t users) {
  worker_record worker;
  worker.id = "w_1";
  worker.unreported = unreported;
  worker.users_when_missing = users;
  return worker;
}

TEST(ClusterLostResults, AWorkerGoneWhileItRanUsersLosesWhatItHadNotReported) {
  lost_results idle;
  idle.went_missing(worker_with(0, 0), "Worker w_1", true);
  idle.went_missing(worker_with(0, 3), "Worker w_1", false);
  EXPECT_FALSE(idle.summarize()) << "no users in a test, and nothing unreported: nothing lost";

  lost_results running;
  running.went_missing(worker_with(0, 3), "Worker w_1", true);
  EXPECT_TRUE(running.summarize());
  running.reported("w_1");
  EXPECT_FALSE(running.summarize()) << "it came back, and its report holds what it had not reported";

  lost_results counted;
  counted.went_missing(worker_with(17, 0), "Worker w_1", false);
  EXPECT_TRUE(counted.summarize()) << "its heartbeat said 17 requests were not reported";
}

TEST(ClusterLostResults, ReportsDroppedOrNeverArrivedAreLost) {
  locustpp::runtime::log_limiter limited;
  lost_results dropped;
  dropped.dropped({{inbox::strangers, inbox::drop_tally{10, 10}}}, limited);
  EXPECT_FALSE(dropped.summarize()) << "strangers' reports are nobody's results";
  dropped.dropped({{"w_1", inbox::drop_tally{5, 2}}}, limited);
  EXPECT_TRUE(dropped.summarize());

  lost_results arrived;
  worker_record worker = worker_with(0, 0);
  std::uint64_t given_up = 0;
  for (std::uint64_t sequence : {1, 3, 2}) worker.first_time(sequence, given_up);
  arrived.check_all_arrived(worker, "Worker w_1", value(3));
  EXPECT_FALSE(arrived.summarize()) << "3 sent, 3 arrived (in any order)";
  arrived.check_all_arrived(worker, "Worker w_1", value(5));
  EXPECT_TRUE(arrived.summarize()) << "5 sent, 3 arrived";
}

}  // namespace
