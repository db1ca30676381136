// The one dispatcher: Locust's splits (5 users on 2 workers are 3 + 2),
// fixed counts first, weights spread evenly, ramp-downs in reverse order.
#include <gtest/gtest.h>

#include "control/dispatcher.hpp"

namespace {

using locustpp::control::dispatcher;
using locustpp::runtime::class_share;
using counts = std::vector<std::uint64_t>;

TEST(ControlDispatcher, UsersAreSpreadOverExecutorsInTurn) {
  dispatcher dispatch({class_share{1, 0}}, {}, 2);
  EXPECT_EQ(dispatch.move_to(5), 5u);
  EXPECT_EQ(dispatch.per_executor()[0], (counts{3}));
  EXPECT_EQ(dispatch.per_executor()[1], (counts{2}));
}

TEST(ControlDispatcher, WeightsAreSpreadEvenlyAndFixedCountsComeFirst) {
  // Admin fixed at 1, Shopper weight 3, Reader weight 1; 9 users on 3 workers.
  dispatcher dispatch({class_share{1, 1}, class_share{3, 0}, class_share{1, 0}}, {}, 3);
  EXPECT_EQ(dispatch.move_to(9), 9u);
  counts per_class(3, 0);
  for (const auto& executor : dispatch.per_executor()) {
    std::uint64_t users = 0;
    for (std::size_t c = 0; c < 3; ++c) per_class[c] += executor[c], users += executor[c];
    EXPECT_EQ(users, 3u);
  }
  EXPECT_EQ(per_class, (counts{1, 6, 2}));
  EXPECT_EQ(dispatch.per_class(), per_class);
  EXPECT_EQ(dispatch.per_executor()[0][0], 1u) << "the fixed class is the first user";
}

TEST(ControlDispatcher, OnlyFixedCountsStopAtTheirSum) {
  dispatcher dispatch({class_share{1, 2}, class_share{1, 1}}, {});
  EXPECT_EQ(dispatch.move_to(10), 3u);
  EXPECT_EQ(dispatch.total(), 3u);
  EXPECT_EQ(dispatch.per_class(), (counts{2, 1}));
}

TEST(ControlDispatcher, AllowedClassesOnly) {
  dispatcher dispatch({class_share{1, 0}, class_share{1, 0}}, {false, true});
  dispatch.move_to(4);
  EXPECT_EQ(dispatch.per_executor()[0], (counts{0, 4}));
}

// A ramp-down leaves exactly the split a ramp-up to the same total makes,
// step by step, however the steps fall.
TEST(ControlDispatcher, RampDownsRetraceTheRampUp) {
  const std::vector<class_share> shares{class_share{1, 2}, class_share{3, 0}, class_share{2, 0}};
  dispatcher ramped(shares, {}, 4);
  ramped.move_to(1000);
  for (std::uint64_t total : {997u, 640u, 333u, 101u, 7u, 1u, 0u}) {
    ramped.move_to(total);
    dispatcher fresh(shares, {}, 4);
    fresh.move_to(total);
    EXPECT_EQ(ramped.per_executor(), fresh.per_executor()) << "at " << total;
    EXPECT_EQ(ramped.per_class(), fresh.per_class()) << "at " << total;
  }
}

// Workers joining or leaving re-split the same users: nobody is added or lost.
TEST(ControlDispatcher, AChangeOfExecutorsKeepsTheUsers) {
  const std::vector<class_share> shares{class_share{1, 0}, class_share{1, 0}};
  dispatcher dispatch(shares, {}, 2);
  dispatch.move_to(11);
  dispatch.use_executors(3);
  dispatcher fresh(shares, {}, 3);
  fresh.move_to(11);
  EXPECT_EQ(dispatch.per_executor(), fresh.per_executor());
  EXPECT_EQ(dispatch.per_class(), (counts{6, 5}));
  dispatch.use_executors(0);  // no worker left: one executor holds the split
  EXPECT_EQ(dispatch.executors(), 1u);
  EXPECT_EQ(dispatch.per_executor()[0], (counts{6, 5}));
}

// A ramp to a million users is one move: linear, not one replay per step.
TEST(ControlDispatcher, LargeRampsStayLinear) {
  dispatcher dispatch({class_share{1, 0}, class_share{2, 0}}, {}, 2000);
  for (std::uint64_t total = 1000; total <= 1'000'000; total += 1000) dispatch.move_to(total);
  EXPECT_EQ(dispatch.total(), 1'000'000u);
  EXPECT_EQ(dispatch.per_executor()[1999][0] + dispatch.per_executor()[1999][1], 500u);
}

}  // namespace
