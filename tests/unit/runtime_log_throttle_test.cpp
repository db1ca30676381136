// log_throttle: a flood of the same event costs the log one line per
// interval, each telling how many were held back.
#include "runtime/log_throttle.hpp"

#include <gtest/gtest.h>

#include <cstdint>

namespace locustpp::runtime {
namespace {

using namespace std::chrono_literals;

TEST(LogThrottle, TheFirstAtOnceThenOneAfterEachIntervalWithTheCountHeldBack) {
  log_throttle throttle(10s);
  const log_throttle::clock::time_point start{};
  EXPECT_EQ(throttle.admit(start), 0u);
  EXPECT_EQ(throttle.admit(start + 1ms), std::nullopt);
  EXPECT_EQ(throttle.admit(start + 9999ms), std::nullopt);
  EXPECT_EQ(throttle.held_back(), 2u);
  EXPECT_EQ(throttle.admit(start + 10s), 2u);
  EXPECT_EQ(throttle.admit(start + 25s), 0u) << "a quiet spell: the next one is logged at once";
}

TEST(LogThrottle, AFloodCostsOneLinePerIntervalAndEveryOccurrenceIsCounted) {
  log_throttle throttle(10s);
  const log_throttle::clock::time_point start{};
  int lines = 0;
  std::uint64_t counted = 0;
  for (int i = 0; i < 100'000; ++i) {  // 100 s of failures, one per millisecond
    if (auto held = throttle.admit(start + i * 1ms)) {
      ++lines;
      counted += 1 + *held;
    }
  }
  EXPECT_EQ(lines, 10);
  EXPECT_EQ(counted + throttle.held_back(), 100'000u);
}

}  // namespace
}  // namespace locustpp::runtime
