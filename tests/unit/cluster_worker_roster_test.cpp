// A master's bookkeeping of its workers: stable indexes, dispatch order,
// reported users, and Locust's liveness (missing after 4 silent seconds,
// forgotten after 64).
#include <gtest/gtest.h>

#include <limits>

#include "cluster/worker_roster.hpp"

namespace {

using locustpp::cluster::worker_record;
using locustpp::cluster::worker_roster;

TEST(ClusterWorkerRoster, IndexesStayWithTheirWorker) {
  worker_roster roster(1);
  EXPECT_TRUE(roster.ready("a_1"));
  EXPECT_TRUE(roster.ready("b_1"));
  roster.find("a_1")->reported = {4};
  EXPECT_FALSE(roster.ready("a_1")) << "ready again after a stop: not new";
  EXPECT_EQ(roster.find("a_1")->index, 0u);
  EXPECT_EQ(roster.find("a_1")->reported, (std::vector<std::uint64_t>{0}));
  roster.remove("a_1");
  EXPECT_TRUE(roster.ready("a_1")) << "back after it quit: it joins";
  EXPECT_EQ(roster.find("a_1")->index, 0u) << "an index is the worker's for the whole run";
  EXPECT_TRUE(roster.ready("c_1"));
  EXPECT_EQ(roster.find("c_1")->index, 2u);
}

TEST(ClusterWorkerRoster, LiveWorkersAlternateMachinesAndCountUsers) {
  worker_roster roster(2);
  for (const char* id : {"a_1", "a_2", "b_1"}) roster.ready(id);
  EXPECT_EQ(roster.live(), (std::vector<std::string>{"a_1", "b_1", "a_2"}));
  roster.find("a_1")->reported = {2, 1};
  roster.find("b_1")->reported = {1, 0};
  EXPECT_EQ(roster.users(), 4u);
  EXPECT_EQ(roster.users_per_class(), (std::vector<std::uint64_t>{3, 1}));
  roster.find("a_2")->state = locustpp::control::worker_state::running;
  EXPECT_EQ(roster.count_in_state(locustpp::control::worker_state::ready), 2u);
  EXPECT_EQ(roster.summaries().size(), 3u);
}

TEST(ClusterWorkerRoster, SilentWorkersGoMissingThenAreForgotten) {
  worker_roster roster(1);
  roster.ready("a_1");
  roster.ready("b_1");
  roster.find("a_1")->reported = {5};
  for (int second = 1; second <= 3; ++second) {
    EXPECT_TRUE(roster.tick().went_missing.empty()) << second;
    roster.find("b_1")->liveness = worker_record::heartbeat_liveness;  // b heartbeats
  }
  EXPECT_EQ(roster.tick().went_missing, (std::vector<std::string>{"a_1"})) << "the fourth silent second";
  EXPECT_EQ(roster.find("a_1")->state, locustpp::control::worker_state::missing);
  EXPECT_EQ(roster.find("a_1")->users_when_missing, 5u)
      << "what it ran is kept: its results since its last report are lost";
  EXPECT_EQ(roster.users(), 0u) << "a missing worker's users are not counted";
  EXPECT_EQ(roster.live(), (std::vector<std::string>{"b_1"}));
  for (int second = 5; second < 63; ++second) {
    worker_roster::tick_result result = roster.tick();
    EXPECT_TRUE(result.went_missing.empty() && result.forgotten.empty());
    roster.find("b_1")->liveness = worker_record::heartbeat_liveness;
  }
  EXPECT_NE(roster.find("a_1"), nullptr);
  EXPECT_EQ(roster.tick().forgotten, (std::vector<std::string>{"a_1"}));
  EXPECT_EQ(roster.find("a_1"), nullptr) << "forgotten 63 s after its last heartbeat (liveness -60)";
  EXPECT_NE(roster.find("b_1"), nullptr);
}

TEST(ClusterWorkerRoster, EveryNewWorkerGetsItsOwnSecretToken) {
  worker_roster roster(1);
  roster.ready("a_1");
  roster.ready("b_1");
  std::string first = roster.find("a_1")->token;
  EXPECT_EQ(first.size(), 32u);
  EXPECT_NE(first, roster.find("b_1")->token);
  roster.ready("a_1");
  EXPECT_EQ(roster.find("a_1")->token, first) << "ready again after a stop: the same worker, the same token";
  roster.remove("a_1");
  roster.ready("a_1");
  EXPECT_NE(roster.find("a_1")->token, first) << "a worker that quit and came back is a new one";
}

TEST(ClusterWorkerRoster, UserCountsSaturateInsteadOfWrapping) {
  worker_roster roster(2);
  roster.ready("a_1");
  roster.ready("b_1");
  roster.find("a_1")->reported = {UINT64_MAX - 1, 5};
  roster.find("b_1")->reported = {7, 1};
  EXPECT_EQ(roster.users(), UINT64_MAX);
  EXPECT_EQ(roster.users_per_class(), (std::vector<std::uint64_t>{UINT64_MAX, 6}));
}

TEST(ClusterWorkerRoster, ReportPiecesSentAgainAreMergedOnce) {
  worker_record worker;
  std::uint64_t given_up = 0;
  EXPECT_TRUE(worker.first_time(1, given_up));
  EXPECT_TRUE(worker.first_time(3, given_up)) << "2 may still come, on a new connection";
  EXPECT_FALSE(worker.first_time(1, given_up)) << "a repeat";
  EXPECT_FALSE(worker.first_time(3, given_up));
  EXPECT_EQ(worker.reports_through, 1u);
  EXPECT_TRUE(worker.first_time(2, given_up));
  EXPECT_EQ(worker.reports_through, 3u) << "everything up to 3 is in";
  EXPECT_TRUE(worker.reports_beyond.empty());
  for (std::uint64_t sequence = 10; sequence < 10 + 5000; ++sequence) worker.first_time(sequence, given_up);
  EXPECT_EQ(given_up, 6u) << "4..9 given up once thousands came after them";
  EXPECT_LE(worker.reports_beyond.size(), 4096u);
  EXPECT_EQ(worker.reports_through, 5009u);
}

TEST(ClusterWorkerRoster, AHeartbeatAndUserCountsAreTakenOnlyWhenTheyAreNumbers) {
  worker_record worker;
  worker.liveness = 0;
  using locustpp::value;
  EXPECT_FALSE(worker.take_heartbeat(value::map().set("state", "dancing").set("current_cpu_usage", 1.0)));
  EXPECT_FALSE(worker.take_heartbeat(value::map().set("state", "running").set("current_cpu_usage", -1.0)));
  EXPECT_FALSE(worker.take_heartbeat(
      value::map().set("state", "running").set("current_cpu_usage", std::numeric_limits<double>::quiet_NaN())));
  EXPECT_EQ(worker.liveness, 0) << "nothing taken";
  ASSERT_TRUE(worker.take_heartbeat(value::map()
                                        .set("state", "running")
                                        .set("current_cpu_usage", 12.5)
                                        .set("current_memory_usage", 1000)
                                        .set("locustpp_unreported", 42)));
  EXPECT_EQ(worker.state, locustpp::control::worker_state::running);
  EXPECT_EQ(worker.liveness, worker_record::heartbeat_liveness);
  EXPECT_EQ(worker.unreported, 42u);

  std::vector<std::string> classes{"A", "B"};
  ASSERT_TRUE(worker.take_user_counts(value::map().set("B", 3).set("Gone", 1), classes));
  EXPECT_EQ(worker.reported, (std::vector<std::uint64_t>{0, 3}));
  EXPECT_FALSE(worker.take_user_counts(value::map().set("A", std::uint64_t{UINT64_MAX}), classes));
  EXPECT_FALSE(worker.take_user_counts(value::map().set("A", -1), classes));
  EXPECT_EQ(worker.reported, (std::vector<std::uint64_t>{0, 3})) << "nothing taken";
}

}  // namespace
