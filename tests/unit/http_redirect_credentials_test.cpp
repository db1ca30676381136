// Credentials across redirects: requests' should_strip_auth, case for case as
// its own tests (psf/requests tests/test_requests.py, test_should_strip_auth_*),
// and what a redirect takes out of a request.
#include "http/redirect_credentials.hpp"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace locustpp::http {
namespace {

bool strips(const std::string& from, const std::string& to) {
  return should_strip_auth(parse_absolute_url(from).value(), parse_absolute_url(to).value());
}

TEST(RedirectCredentials, StripsAuthAsRequestsDoes) {
  EXPECT_TRUE(strips("http://example.com/foo", "http://another.example.com/"));  // host change
  EXPECT_TRUE(strips("https://example.com/foo", "http://example.com/bar"));      // downgrade
  EXPECT_FALSE(strips("http://example.com/foo", "https://example.com/bar"));     // upgrade on default ports
  EXPECT_FALSE(strips("http://example.com:80/foo", "https://example.com/bar"));
  EXPECT_FALSE(strips("http://example.com/foo", "https://example.com:443/bar"));
  EXPECT_TRUE(strips("http://example.com:8080/foo", "https://example.com/bar"));
  EXPECT_TRUE(strips("http://example.com/foo", "https://example.com:8443/bar"));
  EXPECT_TRUE(strips("http://example.com:1234/foo", "https://example.com:4321/bar"));  // port change
  EXPECT_FALSE(strips("https://example.com:443/foo", "https://example.com/bar"));      // default ports
  EXPECT_FALSE(strips("http://example.com:80/foo", "http://example.com/bar"));
  EXPECT_FALSE(strips("https://example.com/foo", "https://example.com:443/bar"));
  EXPECT_FALSE(strips("http://example.com/foo", "http://example.com:80/bar"));
}

TEST(RedirectCredentials, SameOriginKeepsAuthAnotherPortOrAddressDoesNot) {
  EXPECT_FALSE(strips("http://127.0.0.1:8080/a", "http://127.0.0.1:8080/b"));
  EXPECT_FALSE(strips("http://EXAMPLE.com/a", "http://example.COM/b")) << "host names ignore case";
  EXPECT_TRUE(strips("http://127.0.0.1:8080/a", "http://127.0.0.1:8081/b"));
  EXPECT_TRUE(strips("http://127.0.0.1:8080/a", "http://127.0.0.2:8080/b"));
  EXPECT_TRUE(strips("http://[::1]:8080/a", "http://127.0.0.1:8080/b"));
}

outgoing_request request_with(std::vector<std::pair<std::string, std::string>> headers) {
  outgoing_request request;
  request.method = "GET";
  request.headers = std::move(headers);
  request.header_count = request.headers.size();
  return request;
}

std::vector<std::string> header_names(const outgoing_request& request) {
  std::vector<std::string> names;
  for (std::size_t i = 0; i < request.header_count; ++i) names.push_back(request.headers[i].first);
  return names;
}

const std::vector<std::pair<std::string, std::string>> credentials = {{"X-Before", "1"},
                                                                      {"authorization", "Bearer secret"},
                                                                      {"Cookie", "session=mine"},
                                                                      {"Proxy-Authorization", "Basic cHJveHk="},
                                                                      {"X-After", "2"}};

TEST(RedirectCredentials, AnotherHostGetsNoAuthorizationNoCookieHeaderNoUserinfo) {
  outgoing_request request = request_with(credentials);
  url from = parse_absolute_url("http://alice:pw@127.0.0.1:8080/login").value();
  url to = parse_absolute_url("http://bob:pw2@127.0.0.2:9090/next").value();
  drop_credentials_for_redirect(request, from, to);
  EXPECT_EQ(header_names(request), (std::vector<std::string>{"X-Before", "X-After"}));
  EXPECT_EQ(to.userinfo, "") << "neither the first URL's nor the Location's credentials";
}

TEST(RedirectCredentials, SameHostKeepsAuthorizationAndCookieHeader) {
  outgoing_request request = request_with(credentials);
  url from = parse_absolute_url("http://alice:pw@127.0.0.1:8080/login").value();
  url to = parse_absolute_url("http://127.0.0.1:8080/next").value();
  drop_credentials_for_redirect(request, from, to);
  EXPECT_EQ(header_names(request), (std::vector<std::string>{"X-Before", "authorization", "Cookie", "X-After"}))
      << "Proxy-Authorization goes on every redirect, as in requests";
  EXPECT_EQ(to.userinfo, "alice:pw") << "the URL's credentials go on, as requests' Authorization header does";
}

TEST(RedirectCredentials, SameHostOtherPortKeepsOnlyTheCookieHeader) {
  outgoing_request request = request_with(credentials);
  url from = parse_absolute_url("http://alice:pw@127.0.0.1:8080/login").value();
  url to = parse_absolute_url("http://127.0.0.1:9090/next").value();
  drop_credentials_for_redirect(request, from, to);
  EXPECT_EQ(header_names(request), (std::vector<std::string>{"X-Before", "Cookie", "X-After"}));
  EXPECT_EQ(to.userinfo, "");
}

TEST(RedirectCredentials, RemovedHeadersKeepTheirBuffersForTheNextRequest) {
  outgoing_request request = request_with(credentials);
  request.remove_header("AUTHORIZATION");
  request.remove_header("x-before");
  EXPECT_EQ(header_names(request), (std::vector<std::string>{"Cookie", "Proxy-Authorization", "X-After"}));
  EXPECT_EQ(request.headers.size(), credentials.size());
}

}  // namespace
}  // namespace locustpp::http
