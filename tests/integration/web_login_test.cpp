// Failed logins are slowed and logged without locking anyone out, and a
// logout ends the session on the server. Through real sockets: wrong
// passwords (the built-in form, HTTP Basic, a module's callback) are
// answered after a pause that grows per client address, and logged once
// per 10 s; requests without any credentials are not failed logins; a
// right password still gets in; a cookie replayed after its logout is
// refused.
#include <gtest/gtest.h>

#include <chrono>
#include <string>

#include "child_process.hpp"
#include "demo_target.hpp"
#include "http_exchange.hpp"
#include "locustpp_run.hpp"
#include "web_run.hpp"

namespace {

using namespace locustpp::testing;
using namespace std::chrono_literals;
using steady = std::chrono::steady_clock;

std::string session_of(const http_reply& reply) {
  std::size_t at = reply.head.find("Set-Cookie: locustpp_session=");
  if (at == std::string::npos) return "";
  std::size_t start = at + 12;
  return reply.head.substr(start, reply.head.find(';', start) - start);
}

std::size_t count_of(const std::string& text, const std::string& part) {
  std::size_t count = 0;
  for (std::size_t at = text.find(part); at != std::string::npos; at = text.find(part, at + 1)) ++count;
  return count;
}

TEST(WebLoginThrottle, WrongPasswordsAreSlowedAndLoggedAndTheRightOneStillGetsIn) {
  demo_target target;
  web_run web(test_plugin("web_routes"), target.url(), {"--web-auth", "admin:s3cret"});

  // A client's requests before it sends any credentials are no failed logins.
  auto start = steady::now();
  for (int i = 0; i < 20; ++i) EXPECT_EQ(http_exchange(web.port(), "GET", "/stats/requests").status, 401);
  EXPECT_LT(steady::now() - start, 2s) << "answered at once";

  start = steady::now();
  for (int i = 0; i < 10; ++i) {
    auto asked = steady::now();
    http_reply wrong = http_post_form(web.port(), "/login", "username=admin&password=guess" + std::to_string(i));
    EXPECT_EQ(wrong.status, 302);
    EXPECT_EQ(session_of(wrong), "");
    EXPECT_GE(steady::now() - asked, 200ms) << "every failure pauses";
  }
  EXPECT_GE(steady::now() - start, 4s) << "past 5 failures, about one answer a second (was: 10,000 a second)";

  auto asked = steady::now();
  EXPECT_EQ(
      http_exchange(web.port(), "GET", "/stats/requests", "", {{"Authorization", "Basic YWRtaW46d3Jvbmc="}}).status,
      401);
  EXPECT_GE(steady::now() - asked, 200ms) << "wrong Basic credentials are a failed login too";

  http_reply right = http_post_form(web.port(), "/login", "username=admin&password=s3cret");
  EXPECT_EQ(right.status, 302);
  EXPECT_FALSE(session_of(right).empty()) << "never locked out";
  EXPECT_EQ(
      http_exchange(web.port(), "GET", "/stats/requests", "", {{"Authorization", "Basic YWRtaW46czNjcmV0"}}).status,
      200);

  const std::string err = web.process().stderr_text();
  EXPECT_NE(err.find("web UI: failed login as 'admin' from 127.0.0.1; answers to failed logins are slowed"),
            std::string::npos)
      << err;
  EXPECT_LE(count_of(err, "failed login"), 2u) << "one line per 10 s for 11 failures";
}

TEST(WebLoginThrottle, AModulesLoginCallbackThatRefusesIsAFailedLoginToo) {
  demo_target target;
  web_run web(test_plugin("web_routes"), target.url(), {"--web-login"});
  auto asked = steady::now();
  EXPECT_EQ(http_post_form(web.port(), "/login_submit", "username=ann&password=guess").status, 302);
  EXPECT_GE(steady::now() - asked, 200ms);
  EXPECT_TRUE(web.process().wait_for_stderr("web UI: failed login as 'ann' from 127.0.0.1", 5s));
  EXPECT_FALSE(session_of(http_post_form(web.port(), "/login_submit", "username=ann&password=letmein")).empty());
}

TEST(WebLoginSessions, ACookieReplayedAfterItsLogoutIsRefused) {
  demo_target target;
  web_run web(test_plugin("web_routes"), target.url(), {"--web-auth", "admin:s3cret"});
  const std::string session = session_of(http_post_form(web.port(), "/login", "username=admin&password=s3cret"));
  const std::string other = session_of(http_post_form(web.port(), "/login", "username=admin&password=s3cret"));
  ASSERT_FALSE(session.empty());
  EXPECT_EQ(http_exchange(web.port(), "GET", "/stats/requests", "", {{"Cookie", session}}).status, 200);

  http_reply bye = http_exchange(web.port(), "GET", "/logout", "", {{"Cookie", session}});
  EXPECT_EQ(bye.status, 302);
  EXPECT_EQ(bye.header("Location"), "/login");
  EXPECT_EQ(http_exchange(web.port(), "GET", "/stats/requests", "", {{"Cookie", session}}).status, 401)
      << "the old cookie, replayed";
  EXPECT_EQ(http_exchange(web.port(), "GET", "/", "", {{"Cookie", session}}).status, 302);
  EXPECT_EQ(http_exchange(web.port(), "GET", "/stats/requests", "", {{"Cookie", other}}).status, 200)
      << "another session of the same user goes on";
}

}  // namespace
