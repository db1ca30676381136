#include "http/cookie_jar.hpp"

#include <gtest/gtest.h>

namespace locustpp::http {
namespace {

std::string header_for(const cookie_jar& jar, std::string_view host, std::string_view path, bool tls = false) {
  std::string out;
  jar.append_header_value(out, host, path, tls);
  return out;
}

TEST(CookieJar, SendsBackWhatTheHostSet) {
  cookie_jar jar;
  jar.store("session=abc; Path=/; HttpOnly", "shop.test", "/login");
  jar.store("theme=dark", "shop.test", "/");
  EXPECT_EQ(header_for(jar, "shop.test", "/cart"), "session=abc; theme=dark");
  EXPECT_EQ(header_for(jar, "other.test", "/cart"), "") << "host-only cookies stay with their host";
}

TEST(CookieJar, ReplacesAndDeletes) {
  cookie_jar jar;
  jar.store("a=1; Path=/", "h", "/");
  jar.store("a=2; Path=/", "h", "/");
  EXPECT_EQ(header_for(jar, "h", "/"), "a=2");
  jar.store("a=; Max-Age=0; Path=/", "h", "/");
  EXPECT_EQ(header_for(jar, "h", "/"), "");
}

TEST(CookieJar, HonoursPathDomainAndSecure) {
  cookie_jar jar;
  jar.store("p=1; Path=/api", "h.test", "/");
  jar.store("d=1; Domain=.h.test", "www.h.test", "/");
  jar.store("s=1; Secure", "h.test", "/");
  EXPECT_EQ(header_for(jar, "h.test", "/api/x"), "p=1; d=1");
  EXPECT_EQ(header_for(jar, "h.test", "/apix"), "d=1");
  EXPECT_EQ(header_for(jar, "sub.h.test", "/"), "d=1");
  EXPECT_EQ(header_for(jar, "h.test", "/", true), "d=1; s=1");
  jar.store("evil=1; Domain=other.test", "h.test", "/");
  EXPECT_EQ(header_for(jar, "other.test", "/"), "") << "a host cannot set cookies for another domain";
}

}  // namespace
}  // namespace locustpp::http
