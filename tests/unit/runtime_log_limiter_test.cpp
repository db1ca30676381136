// Repeated log lines: the first of a kind is written, the next ones within
// the interval are only counted, and the count rides on the next line.
#include <gtest/gtest.h>

#include <thread>

#include "runtime/log_limiter.hpp"

namespace {

using locustpp::runtime::log_limiter;

TEST(RuntimeLogLimiter, TheFirstLineOfAKindIsWrittenTheRestCounted) {
  log_limiter limiter(std::chrono::milliseconds(200));
  std::uint64_t held_back = 99;
  EXPECT_TRUE(limiter.allow("garbled:a", held_back));
  EXPECT_EQ(held_back, 0u);
  for (int i = 0; i < 1000; ++i) EXPECT_FALSE(limiter.allow("garbled:a", held_back));
  EXPECT_TRUE(limiter.allow("garbled:b", held_back)) << "another kind has its own";
  std::this_thread::sleep_for(std::chrono::milliseconds(250));
  EXPECT_TRUE(limiter.allow("garbled:a", held_back));
  EXPECT_EQ(held_back, 1000u) << "the next line says how many were not written";
}

}  // namespace
