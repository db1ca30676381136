// A master's dispatch: Locust's splits (5 users on 2 workers are 3 + 2),
// fixed counts first, weights spread evenly, machines before processes.
#include <gtest/gtest.h>

#include "cluster/user_dispatch.hpp"

namespace {

using locustpp::cluster::dispatch_order;
using locustpp::cluster::dispatch_users;
using locustpp::runtime::class_share;
using counts = std::vector<std::uint64_t>;

TEST(ClusterUserDispatch, UsersAreSpreadOverWorkersInTurn) {
  auto plan = dispatch_users(5, {class_share{1, 0}}, {}, 2);
  EXPECT_EQ(plan.total, 5u);
  EXPECT_EQ(plan.per_worker[0], (counts{3}));
  EXPECT_EQ(plan.per_worker[1], (counts{2}));
}

TEST(ClusterUserDispatch, WeightsAreSpreadEvenlyAndFixedCountsComeFirst) {
  // Admin fixed at 1, Shopper weight 3, Reader weight 1; 9 users on 3 workers.
  auto plan = dispatch_users(9, {class_share{1, 1}, class_share{3, 0}, class_share{1, 0}}, {}, 3);
  EXPECT_EQ(plan.total, 9u);
  counts per_class(3, 0);
  for (const auto& worker : plan.per_worker) {
    std::uint64_t users = 0;
    for (std::size_t c = 0; c < 3; ++c) per_class[c] += worker[c], users += worker[c];
    EXPECT_EQ(users, 3u);
  }
  EXPECT_EQ(per_class, (counts{1, 6, 2}));
  EXPECT_EQ(plan.per_worker[0][0], 1u) << "the fixed class is the first user";
}

TEST(ClusterUserDispatch, OnlyFixedCountsStopAtTheirSum) {
  auto plan = dispatch_users(10, {class_share{1, 2}, class_share{1, 1}}, {}, 2);
  EXPECT_EQ(plan.total, 3u);
}

TEST(ClusterUserDispatch, AllowedClassesOnly) {
  auto plan = dispatch_users(4, {class_share{1, 0}, class_share{1, 0}}, {false, true}, 1);
  EXPECT_EQ(plan.per_worker[0], (counts{0, 4}));
}

TEST(ClusterUserDispatch, MachinesAlternateBeforeProcesses) {
  EXPECT_EQ(dispatch_order({"a_1", "a_2", "a_3", "b_1", "c_1", "b_2"}),
            (std::vector<std::string>{"a_1", "b_1", "c_1", "a_2", "b_2", "a_3"}));
  EXPECT_TRUE(dispatch_order({}).empty());
}

}  // namespace
