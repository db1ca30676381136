#include "http/cookie_jar.hpp"

#include <gtest/gtest.h>

namespace locustpp::http {
namespace {

constexpr std::int64_t now = 1'800'000'000;  // 2027-01-15, epoch seconds

std::string header_for(const cookie_jar& jar, std::string_view host, std::string_view path, bool tls = false,
                       std::int64_t at = now) {
  std::string out;
  jar.append_header_value(out, host, path, tls, at);
  return out;
}

TEST(CookieJar, SendsBackWhatTheHostSet) {
  cookie_jar jar;
  jar.store("session=abc; Path=/; HttpOnly", "shop.test", "/login", now);
  jar.store("theme=dark", "shop.test", "/", now);
  EXPECT_EQ(header_for(jar, "shop.test", "/cart"), "session=abc; theme=dark");
  EXPECT_EQ(header_for(jar, "other.test", "/cart"), "") << "host-only cookies stay with their host";
}

TEST(CookieJar, ReplacesAndDeletes) {
  cookie_jar jar;
  jar.store("a=1; Path=/", "h", "/", now);
  jar.store("a=2; Path=/", "h", "/", now);
  EXPECT_EQ(header_for(jar, "h", "/"), "a=2");
  jar.store("a=; Max-Age=0; Path=/", "h", "/", now);
  EXPECT_EQ(header_for(jar, "h", "/"), "");
}

TEST(CookieJar, HonoursPathDomainAndSecure) {
  cookie_jar jar;
  jar.store("p=1; Path=/api", "h.test", "/", now);
  jar.store("d=1; Domain=.h.test", "www.h.test", "/", now);
  jar.store("s=1; Secure", "h.test", "/", now);
  EXPECT_EQ(header_for(jar, "h.test", "/api/x"), "p=1; d=1");
  EXPECT_EQ(header_for(jar, "h.test", "/apix"), "d=1");
  EXPECT_EQ(header_for(jar, "sub.h.test", "/"), "d=1");
  EXPECT_EQ(header_for(jar, "h.test", "/", true), "d=1; s=1");
  jar.store("evil=1; Domain=other.test", "h.test", "/", now);
  EXPECT_EQ(header_for(jar, "other.test", "/"), "") << "a host cannot set cookies for another domain";
}

TEST(CookieJar, ExpiresInThePastOrMaxAgeZeroDeletes) {
  cookie_jar jar;
  jar.store("a=1; Path=/", "h", "/", now);
  jar.store("b=1; Path=/", "h", "/", now);
  jar.store("a=gone; Path=/; Expires=Thu, 01 Jan 1970 00:00:00 GMT", "h", "/", now);
  EXPECT_EQ(header_for(jar, "h", "/"), "b=1") << "an Expires in the past deletes the cookie";
  jar.store("b=1; Path=/; Max-Age=0", "h", "/", now);
  EXPECT_EQ(header_for(jar, "h", "/"), "");
  jar.store("c=1; Path=/; Max-Age=-5", "h", "/", now);
  EXPECT_EQ(header_for(jar, "h", "/"), "") << "a negative Max-Age never stores";
}

TEST(CookieJar, ExpiringCookiesStopBeingSentWhenTheirTimeComes) {
  cookie_jar jar;
  jar.store("short=1; Max-Age=60", "h", "/", now);
  jar.store("dated=1; Expires=Wednesday, 20-Jan-27 00:00:00 GMT", "h", "/", now);  // 2027-01-20
  jar.store("both=1; Expires=Thu, 01 Jan 1970 00:00:00 GMT; Max-Age=3600", "h", "/", now);
  EXPECT_EQ(header_for(jar, "h", "/"), "short=1; dated=1; both=1") << "Max-Age wins over Expires";
  EXPECT_EQ(header_for(jar, "h", "/", false, now + 61), "dated=1; both=1");
  EXPECT_EQ(header_for(jar, "h", "/", false, now + 3601), "dated=1");
  EXPECT_EQ(header_for(jar, "h", "/", false, now + 6 * 86400), "");
}

TEST(CookieJar, HostNamesCompareCaseInsensitively) {
  cookie_jar jar;
  jar.store("a=1", "Shop.Test", "/", now);
  jar.store("d=1; Domain=EXAMPLE.test", "www.example.TEST", "/", now);
  EXPECT_EQ(header_for(jar, "shop.test", "/"), "a=1");
  EXPECT_EQ(header_for(jar, "SHOP.TEST", "/"), "a=1");
  EXPECT_EQ(header_for(jar, "Api.Example.Test", "/"), "d=1");
}

// Found by fuzz/fuzz_cookies: a CR or NUL a target put into a cookie went
// back out in the Cookie header of the next requests.
TEST(CookieJar, IgnoresASetCookieWithControlCharacters) {
  cookie_jar jar;
  jar.store("a=1\rX-Injected: yes", "h", "/", now);
  jar.store(std::string_view("b=2\0c", 5), "h", "/", now);
  jar.store("c\x01=3", "h", "/", now);
  jar.store("d=4; Path=/\x7f", "h", "/", now);
  jar.store("e=5;\tPath=/", "h", "/", now);
  EXPECT_EQ(header_for(jar, "h", "/"), "e=5") << "a tab is no control character here";
}

TEST(CookieJar, ATargetSettingEndlessNewCookiesFillsTheJarNoFurtherThanItsBound) {
  cookie_jar jar;
  jar.store("short=1; Max-Age=1", "h", "/", now);
  for (int i = 0; i < 10'000; ++i) jar.store("id" + std::to_string(i) + "=x", "h", "/", now + 5);
  EXPECT_EQ(jar.size(), cookie_jar::max_cookies);
  std::string header = header_for(jar, "h", "/", false, now + 5);
  EXPECT_EQ(header.find("short="), std::string::npos) << "the expired cookie went first";
  EXPECT_EQ(header.find("id0="), std::string::npos) << "then the oldest";
  EXPECT_NE(header.find("id9999=x"), std::string::npos) << "the newest are kept";
}

}  // namespace
}  // namespace locustpp::http
