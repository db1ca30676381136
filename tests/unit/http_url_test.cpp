#include "http/url.hpp"

#include <gtest/gtest.h>

#include <string>
#include <string_view>

namespace locustpp::http {
namespace {

TEST(Url, ParsesSchemeHostPortTargetAndUserinfo) {
  auto parsed = parse_absolute_url("https://bob:s%40cret@Example.test:8443/a/b?x=1#frag");
  ASSERT_TRUE(parsed);
  EXPECT_TRUE(parsed->tls);
  EXPECT_EQ(parsed->host, "example.test") << "host names are case-insensitive: kept in lower case";
  EXPECT_EQ(parsed->port, 8443);
  EXPECT_EQ(parsed->target, "/a/b?x=1");
  EXPECT_EQ(parsed->userinfo, "bob:s@cret");
  std::string full;
  parsed->append_full(full);
  EXPECT_EQ(full, "https://example.test:8443/a/b?x=1");
}

TEST(Url, DefaultsAndIpv6) {
  auto plain = parse_absolute_url("http://127.0.0.1");
  ASSERT_TRUE(plain);
  EXPECT_EQ(plain->port, 80);
  EXPECT_EQ(plain->target, "/");
  std::string host;
  plain->append_host_header(host);
  EXPECT_EQ(host, "127.0.0.1");
  auto v6 = parse_absolute_url("http://[::1]:8080/x");
  ASSERT_TRUE(v6);
  EXPECT_EQ(v6->host, "::1");
  std::string v6_host;
  v6->append_host_header(v6_host);
  EXPECT_EQ(v6_host, "[::1]:8080");
}

TEST(Url, RejectsWhatIsNotAnHttpUrl) {
  EXPECT_FALSE(parse_absolute_url("ftp://x/"));
  EXPECT_FALSE(parse_absolute_url("/relative"));
  EXPECT_FALSE(parse_absolute_url("http://host:99999/"));
  EXPECT_FALSE(parse_absolute_url("http://:80/"));
}

// Found by fuzz/fuzz_url: any byte was taken into a host, so a redirect
// from a target could put a CR or NUL into the Host header (and a NUL
// made the resolver look up a shorter name).
TEST(Url, RejectsHostsNoNameOrAddressHas) {
  for (std::string_view host :
       {std::string_view("a\rb"), std::string_view("a\0.evil.test", 12), std::string_view("a b"),
        std::string_view("a\x7f"), std::string_view("a]b:1:2"), std::string_view("[[x]")}) {
    EXPECT_FALSE(parse_absolute_url("http://" + std::string(host) + "/")) << host;
    auto base = *parse_absolute_url("http://h/");
    EXPECT_FALSE(resolve_url(base, "http://" + std::string(host) + "/x")) << "a Location header: " << host;
  }
  EXPECT_TRUE(parse_absolute_url("http://[fe80::1%25eth0]:8080/")) << "IPv6 keeps its brackets and zone";
  EXPECT_TRUE(parse_absolute_url("http://xn--caf-dma.test/")) << "punycode";
}

TEST(Url, ResolvesReferencesLikeABrowser) {
  auto base = *parse_absolute_url("http://h:1/dir/page?q=1");
  EXPECT_EQ(resolve_url(base, "/abs")->target, "/abs");
  EXPECT_EQ(resolve_url(base, "other")->target, "/dir/other");
  EXPECT_EQ(resolve_url(base, "../up")->target, "/up");
  EXPECT_EQ(resolve_url(base, "?z=2")->target, "/dir/page?z=2");
  auto elsewhere = resolve_url(base, "https://x.test/p");
  EXPECT_TRUE(elsewhere->tls);
  EXPECT_EQ(elsewhere->host, "x.test");
  EXPECT_EQ(resolve_url(base, "//y.test/z")->host, "y.test");
}

TEST(Url, PercentEncodesPathsAndQueriesLikeRequests) {
  auto base = *parse_absolute_url("http://h/");
  EXPECT_EQ(resolve_url(base, "/a b/caf\xc3\xa9?q=x y&r=\"<>\"")->target, "/a%20b/caf%C3%A9?q=x%20y&r=%22%3C%3E%22");
  EXPECT_EQ(resolve_url(base, "/kept%20escape/50%/x%zz")->target, "/kept%20escape/50%25/x%25zz");
  EXPECT_EQ(resolve_url(base, "/safe!$&'()*+,;=:@[]~-._?a=1")->target, "/safe!$&'()*+,;=:@[]~-._?a=1");
  EXPECT_EQ(resolve_url(base, "/line\r\nbreak")->target, "/line%0D%0Abreak") << "no header injection through a path";
  EXPECT_EQ(parse_absolute_url("http://h/a b")->target, "/a%20b");
}

TEST(Url, ResolvingIntoAUsedUrlReusesItsBuffers) {
  auto base = *parse_absolute_url("http://example.test:8080/");
  std::string long_path = "/" + std::string(200, 'p');
  url out;
  ASSERT_TRUE(resolve_url_into(out, base, long_path));
  const char* buffer = out.target.data();
  ASSERT_TRUE(resolve_url_into(out, base, long_path + "?x=1"));
  ASSERT_TRUE(resolve_url_into(out, base, long_path));
  EXPECT_EQ(out.target.data(), buffer) << "no new allocation for a path that fits the buffer";
  EXPECT_EQ(out.host, "example.test");
  EXPECT_EQ(out.port, 8080);
}

TEST(Url, FormEncodes) {
  std::string out;
  append_form_encoded(out, "a b&c=d/é");
  EXPECT_EQ(out, "a+b%26c%3Dd%2F%C3%A9");
}

}  // namespace
}  // namespace locustpp::http
