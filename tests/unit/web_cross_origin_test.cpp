// cross_origin: which requests change state, and which a browser sent from
// the UI's own origin, from another one, or not at all (a script).
#include "web/cross_origin.hpp"

#include <gtest/gtest.h>

#include <string>
#include <utility>
#include <vector>

namespace locustpp::web {
namespace {

web_request request_of(std::string method, std::string path,
                       std::vector<std::pair<std::string, std::string>> headers = {}) {
  web_request request;
  request.method = std::move(method);
  request.path = std::move(path);
  request.headers = std::move(headers);
  request.headers.emplace_back("Host", "127.0.0.1:8089");
  return request;
}

TEST(CrossOrigin, EveryWriteAndLocustsStateChangingGetsChangeState) {
  for (const char* method : {"POST", "PUT", "DELETE", "PATCH"}) {
    EXPECT_TRUE(changes_state(request_of(method, "/anything"))) << method;
  }
  for (const char* path : {"/stop", "/stats/reset", "/logout"}) {
    EXPECT_TRUE(changes_state(request_of("GET", path))) << path;
    EXPECT_TRUE(changes_state(request_of("HEAD", path))) << path;
  }
  for (const char* path : {"/", "/stats/requests", "/stats/requests/csv", "/stopped"}) {
    EXPECT_FALSE(changes_state(request_of("GET", path))) << path;
  }
  EXPECT_FALSE(changes_state(request_of("OPTIONS", "/swarm")));
}

TEST(CrossOrigin, ScriptsAndTheUisOwnPagesPass) {
  EXPECT_EQ(foreign_origin_problem(request_of("POST", "/swarm"), "http"), "") << "curl: neither header";
  EXPECT_EQ(foreign_origin_problem(
                request_of("POST", "/swarm", {{"Sec-Fetch-Site", "same-origin"}, {"Origin", "http://127.0.0.1:8089"}}),
                "http"),
            "");
  EXPECT_EQ(foreign_origin_problem(request_of("GET", "/stop", {{"Sec-Fetch-Site", "none"}}), "http"), "")
      << "typed in the address bar";
  EXPECT_EQ(foreign_origin_problem(request_of("POST", "/swarm", {{"Origin", "HTTP://127.0.0.1:8089"}}), "http"), "");
}

TEST(CrossOrigin, OtherOriginsAreRefusedWithTheReason) {
  EXPECT_EQ(foreign_origin_problem(request_of("POST", "/swarm", {{"Sec-Fetch-Site", "cross-site"}}), "http"),
            "the browser says it comes from another origin (Sec-Fetch-Site: cross-site)");
  EXPECT_EQ(foreign_origin_problem(request_of("GET", "/stop", {{"Sec-Fetch-Site", "same-site"}}), "http"),
            "the browser says it comes from another origin (Sec-Fetch-Site: same-site)")
      << "another port of the same host";
  EXPECT_EQ(foreign_origin_problem(request_of("POST", "/swarm", {{"Origin", "http://127.0.0.1:9000"}}), "http"),
            "Origin http://127.0.0.1:9000 is not this UI's origin http://127.0.0.1:8089");
  EXPECT_EQ(foreign_origin_problem(request_of("POST", "/swarm", {{"Origin", "null"}}), "http"),
            "Origin null is not this UI's origin http://127.0.0.1:8089");
  EXPECT_EQ(foreign_origin_problem(request_of("POST", "/swarm", {{"Origin", "http://127.0.0.1:8089"}}), "https"),
            "Origin http://127.0.0.1:8089 is not this UI's origin https://127.0.0.1:8089")
      << "the scheme is part of the origin";
}

TEST(CrossOrigin, BehindAProxyTheForwardedSchemeAndHostAreTheOrigin) {
  web_request proxied = request_of("POST", "/swarm",
                                   {{"Origin", "https://locust.example.com"},
                                    {"X-Forwarded-Proto", "https"},
                                    {"X-Forwarded-Host", "locust.example.com"}});
  EXPECT_EQ(own_origin(proxied, "http"), "https://locust.example.com");
  EXPECT_EQ(foreign_origin_problem(proxied, "http"), "");
  proxied.headers.emplace_back("Sec-Fetch-Site", "cross-site");
  EXPECT_NE(foreign_origin_problem(proxied, "http"), "") << "the browser's own word still counts";
}

TEST(CrossOrigin, PlainTextBodiesAndNavigationsFromElsewhereAreRecognised) {
  EXPECT_TRUE(is_plain_text_body(request_of("POST", "/swarm", {{"Content-Type", "text/plain"}})));
  EXPECT_TRUE(is_plain_text_body(request_of("POST", "/swarm", {{"Content-Type", "Text/Plain; charset=UTF-8"}})));
  EXPECT_FALSE(
      is_plain_text_body(request_of("POST", "/swarm", {{"Content-Type", "application/x-www-form-urlencoded"}})));
  EXPECT_FALSE(is_plain_text_body(request_of("POST", "/swarm")));
  EXPECT_TRUE(sent_from_elsewhere(request_of("GET", "/login/sso", {{"Sec-Fetch-Site", "cross-site"}})));
  EXPECT_TRUE(sent_from_elsewhere(request_of("GET", "/login/sso", {{"Sec-Fetch-Site", "same-site"}})));
  EXPECT_FALSE(sent_from_elsewhere(request_of("GET", "/login/sso", {{"Sec-Fetch-Site", "same-origin"}})));
  EXPECT_FALSE(sent_from_elsewhere(request_of("GET", "/login/sso")));
}

}  // namespace
}  // namespace locustpp::web
