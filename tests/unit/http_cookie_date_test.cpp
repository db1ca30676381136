#include "http/cookie_date.hpp"

#include <gtest/gtest.h>

namespace locustpp::http {
namespace {

constexpr std::int64_t oct_21_2015_072800 = 1445412480;

TEST(CookieDate, ReadsEveryFormatServersSend) {
  EXPECT_EQ(parse_cookie_date("Wed, 21 Oct 2015 07:28:00 GMT"), oct_21_2015_072800);
  EXPECT_EQ(parse_cookie_date("Wednesday, 21-Oct-15 07:28:00 GMT"), oct_21_2015_072800);
  EXPECT_EQ(parse_cookie_date("Wed Oct 21 07:28:00 2015"), oct_21_2015_072800);
  EXPECT_EQ(parse_cookie_date("21 october 2015 7:28:0"), oct_21_2015_072800);
  EXPECT_EQ(parse_cookie_date("Thu, 01 Jan 1970 00:00:00 GMT"), 0);
  EXPECT_EQ(parse_cookie_date("Sat, 01 Jan 2000 00:00:00 GMT"), 946684800);
}

TEST(CookieDate, RefusesWhatIsNoDate) {
  EXPECT_FALSE(parse_cookie_date(""));
  EXPECT_FALSE(parse_cookie_date("tomorrow"));
  EXPECT_FALSE(parse_cookie_date("Wed, 32 Oct 2015 07:28:00 GMT"));
  EXPECT_FALSE(parse_cookie_date("Wed, 21 Oct 2015 25:28:00 GMT"));
  EXPECT_FALSE(parse_cookie_date("Wed, 21 Oct 2015"));
}

}  // namespace
}  // namespace locustpp::http
