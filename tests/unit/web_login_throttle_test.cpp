// login_throttle: failed logins are slowed per client address (a burst,
// then one per second), every failure pauses a little, nothing is refused,
// and memory stays bounded whatever the number of addresses.
#include "web/login_throttle.hpp"

#include <gtest/gtest.h>

#include <string>

namespace locustpp::web {
namespace {

using namespace std::chrono_literals;
using clock = login_throttle::clock;

TEST(LoginThrottle, EveryFailurePausesAndPastTheBurstAnAddressWaitsForItsBucket) {
  login_throttle throttle;
  const clock::time_point start{};
  EXPECT_EQ(throttle.wait("10.0.0.1", start), 0ms) << "an address never seen";
  for (int i = 0; i < login_throttle::burst; ++i) {
    EXPECT_EQ(throttle.failed("10.0.0.1", start), login_throttle::failure_pause) << i;
  }
  EXPECT_EQ(throttle.wait("10.0.0.1", start), 0ms) << "the burst is spent, nothing owed yet";
  EXPECT_EQ(throttle.failed("10.0.0.1", start), 1000ms) << "the sixth at once waits for a token";
  EXPECT_EQ(throttle.wait("10.0.0.1", start), 1000ms) << "a right password from there waits as long";
  EXPECT_EQ(throttle.failed("10.0.0.1", start), 2000ms);
  for (int i = 0; i < 20; ++i) throttle.failed("10.0.0.1", start);
  EXPECT_EQ(throttle.wait("10.0.0.1", start), login_throttle::longest_wait) << "never longer";
  EXPECT_EQ(throttle.wait("10.0.0.2", start), 0ms) << "another address is not slowed";
  EXPECT_EQ(throttle.failed("10.0.0.2", start), login_throttle::failure_pause);
  EXPECT_EQ(throttle.wait("10.0.0.1", start + 15s), 0ms) << "the bucket refills with time";
}

TEST(LoginThrottle, SteadyGuessingGetsOneAnswerASecond) {
  login_throttle throttle;
  clock::time_point now{};
  for (int i = 0; i < 60; ++i) now += throttle.failed("10.0.0.1", now);  // each guess sent as its answer comes
  EXPECT_GE(now - clock::time_point{}, 54s) << "60 guesses take about a minute";
  EXPECT_LE(now - clock::time_point{}, 60s);
}

TEST(LoginThrottle, ManyAddressesStayBounded) {
  login_throttle throttle;
  const clock::time_point start{};
  for (std::size_t i = 0; i < 3 * login_throttle::tracked_addresses; ++i) {
    throttle.failed(
        "10." + std::to_string(i / 65536) + "." + std::to_string(i / 256 % 256) + "." + std::to_string(i % 256), start);
  }
  EXPECT_LE(throttle.tracked(), login_throttle::tracked_addresses);
  throttle.failed("192.168.0.1", start + 30s);
  EXPECT_LE(throttle.tracked(), 2u) << "recovered addresses are forgotten when room is needed";
}

}  // namespace
}  // namespace locustpp::web
