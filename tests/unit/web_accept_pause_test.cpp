// accept_pause: after failed accepts the web UI waits 50 ms, doubling to
// 1 s while failures go on, instead of retrying at once.
#include "web/accept_pause.hpp"

#include <gtest/gtest.h>

#include <vector>

namespace locustpp::web {
namespace {

using namespace std::chrono_literals;

TEST(AcceptPause, FiftyMillisecondsDoublingToOneSecond) {
  std::vector<std::chrono::milliseconds> pauses;
  std::chrono::milliseconds pause{0};
  for (int failure = 0; failure < 8; ++failure) pauses.push_back(pause = accept_pause::after_failure(pause));
  EXPECT_EQ(pauses, (std::vector<std::chrono::milliseconds>{50ms, 100ms, 200ms, 400ms, 800ms, 1000ms, 1000ms, 1000ms}));
}

}  // namespace
}  // namespace locustpp::web
