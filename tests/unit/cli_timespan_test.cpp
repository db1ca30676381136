// Tests for cli/timespan.hpp: Locust's time-span syntax and its error message.
#include <gtest/gtest.h>

#include <stdexcept>
#include <string>

#include "cli/config_error.hpp"
#include "cli/timespan.hpp"

namespace locustpp::cli {
namespace {

TEST(Timespan, BareNumberMeansSeconds) {
  EXPECT_DOUBLE_EQ(parse_timespan("20"), 20.0);
  EXPECT_DOUBLE_EQ(parse_timespan("0"), 0.0);
}

TEST(Timespan, SingleUnits) {
  EXPECT_DOUBLE_EQ(parse_timespan("20s"), 20.0);
  EXPECT_DOUBLE_EQ(parse_timespan("3m"), 180.0);
  EXPECT_DOUBLE_EQ(parse_timespan("2h"), 7200.0);
}

TEST(Timespan, CombinedUnits) {
  EXPECT_DOUBLE_EQ(parse_timespan("1h30m"), 5400.0);
  EXPECT_DOUBLE_EQ(parse_timespan("1h30m15s"), 5415.0);
  EXPECT_DOUBLE_EQ(parse_timespan("3m10s"), 190.0);
  EXPECT_DOUBLE_EQ(parse_timespan("1h15s"), 3615.0);
}

TEST(Timespan, DecimalsAreAllowed) {
  EXPECT_DOUBLE_EQ(parse_timespan("1.5s"), 1.5);
  EXPECT_DOUBLE_EQ(parse_timespan("0.5h"), 1800.0);
  EXPECT_DOUBLE_EQ(parse_timespan("2.25"), 2.25);
}

TEST(Timespan, SurroundingBlanksAreIgnored) { EXPECT_DOUBLE_EQ(parse_timespan("  20s\t"), 20.0); }

TEST(Timespan, RejectsMalformedText) {
  for (const char* bad : {"", "   ", "3x", "-5", "-5s", "1h30", "30m1h", "1h1h", "1 h", "1h 30m",
                          "abc", "s", "h1", "1..5s", "1hm", "10S", "1d"}) {
    EXPECT_THROW(parse_timespan(bad), config_error) << "accepted '" << bad << "'";
  }
}

TEST(Timespan, ErrorNamesTheTextAndShowsExamples) {
  try {
    parse_timespan("3x");
    FAIL() << "3x was accepted";
  } catch (const config_error& error) {
    EXPECT_STREQ(error.what(), "invalid time span '3x': use e.g. 20, 20s, 3m, 2h, 1h20m");
  }
}

TEST(Timespan, ConfigErrorIsARuntimeError) {
  EXPECT_THROW(parse_timespan("nope"), std::runtime_error);
}

}  // namespace
}  // namespace locustpp::cli
