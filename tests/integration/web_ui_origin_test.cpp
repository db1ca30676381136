// The web UI on a shared network, through real sockets: scripts that send
// no Origin or Sec-Fetch-Site (curl, urllib, Locust's clients) start, stop
// and reset as with Locust; requests a browser says come from another page
// change nothing; a text/plain body is no form; Host names the UI was not
// given are refused (DNS rebinding), with --web-allowed-hosts and its
// wildcards for the names it is reached by beyond loopback; a sign-on
// provider's redirect back to a login callback takes a same-origin step.
// (tests/browser/web_origin_browser.mjs does the same from Chromium.)
#include <gtest/gtest.h>
#include <rapidjson/document.h>
#include <signal.h>

#include <string>

#include "child_process.hpp"
#include "demo_target.hpp"
#include "http_exchange.hpp"
#include "locustpp_run.hpp"
#include "test_paths.hpp"
#include "web_run.hpp"

namespace {

using namespace locustpp::testing;
using namespace std::chrono_literals;
using headers = std::vector<std::pair<std::string, std::string>>;

const headers form_type = {{"Content-Type", "application/x-www-form-urlencoded"}};

headers with_form_type(headers more) {
  more.insert(more.end(), form_type.begin(), form_type.end());
  return more;
}

TEST(WebUiOrigin, ScriptsWithoutOriginHeadersStillStartStopAndReset) {
  demo_target target;
  web_run web(test_plugin("web_routes"), target.url());
  EXPECT_TRUE(json_of(http_post_form(web.port(), "/swarm", "user_count=2&spawn_rate=100"))["success"].GetBool());
  ASSERT_TRUE(eventually([&] { return view(web.port()).users == 2 && view(web.port()).requests >= 50; }));
  EXPECT_EQ(http_exchange(web.port(), "GET", "/stats/reset").body, "ok");
  EXPECT_TRUE(web.process().wait_for_stderr("reset_stats fired", 5s));
  EXPECT_EQ(http_exchange(web.port(), "HEAD", "/stop").status, 200);
  EXPECT_TRUE(eventually([&] { return view(web.port()).state == "stopped"; }));
  EXPECT_EQ(curl_get_body("http://127.0.0.1:" + std::to_string(web.port()) + "/stats/reset"), "ok")
      << "curl, a client that is not ours";
}

TEST(WebUiOrigin, ABrowserOnAnotherPageChangesNothing) {
  demo_target target;
  web_run web(test_plugin("web_routes"), target.url());
  const std::string own = "http://127.0.0.1:" + std::to_string(web.port());
  ASSERT_TRUE(json_of(http_post_form(web.port(), "/swarm", "user_count=3&spawn_rate=100"))["success"].GetBool());
  ASSERT_TRUE(eventually([&] { return view(web.port()).users == 3 && view(web.port()).requests >= 100; }));

  const headers cross_site = {{"Sec-Fetch-Site", "cross-site"}, {"Origin", "http://127.0.0.2:9000"}};
  const headers same_site = {{"Sec-Fetch-Site", "same-site"}, {"Origin", "http://127.0.0.1:9000"}};
  http_reply swarm =
      http_exchange(web.port(), "POST", "/swarm", "user_count=1&spawn_rate=100", with_form_type(cross_site));
  EXPECT_EQ(swarm.status, 403);
  EXPECT_EQ(swarm.body,
            "a request that changes the test from another web page: the browser says it comes from another origin "
            "(Sec-Fetch-Site: cross-site)\n");
  EXPECT_EQ(
      http_exchange(web.port(), "POST", "/swarm", "user_count=1&spawn_rate=100", with_form_type(same_site)).status, 403)
      << "a page on another port of the same host";
  EXPECT_EQ(http_exchange(web.port(), "POST", "/swarm", "user_count=1&spawn_rate=100",
                          with_form_type({{"Origin", "http://127.0.0.2:9000"}}))
                .status,
            403)
      << "an Origin alone (a browser without Sec-Fetch-Site)";
  EXPECT_EQ(http_exchange(web.port(), "GET", "/stop", "", {{"Sec-Fetch-Site", "cross-site"}}).status, 403);
  EXPECT_EQ(http_exchange(web.port(), "GET", "/stats/reset", "", same_site).status, 403);
  EXPECT_EQ(http_exchange(web.port(), "POST", "/echo", "x", cross_site).status, 403) << "module routes too";
  http_reply plain =
      http_exchange(web.port(), "POST", "/swarm", "user_count=1&spawn_rate=100", {{"Content-Type", "text/plain"}});
  EXPECT_EQ(plain.status, 415);
  EXPECT_EQ(plain.body, "a text/plain body is not a form: send application/x-www-form-urlencoded (or JSON to /user)\n");
  EXPECT_EQ(http_exchange(web.port(), "POST", "/user", R"({"user_class_name": "Other", "weight": 9})",
                          {{"Content-Type", "text/plain"}})
                .status,
            415);

  runner_view after = view(web.port());
  EXPECT_EQ(after.state, "running");
  EXPECT_EQ(after.users, 3u);
  EXPECT_GE(after.requests, 100u) << "not reset";
  EXPECT_TRUE(web.process().wait_for_stderr(
      "web UI: refused POST /swarm from 127.0.0.1: a request that changes the test from another web page", 5s));
  const std::string err = web.process().stderr_text();
  std::size_t refusal_lines = 0;
  for (std::size_t at = err.find("web UI: refused"); at != std::string::npos;
       at = err.find("web UI: refused", at + 1)) {
    ++refusal_lines;
  }
  EXPECT_EQ(refusal_lines, 1u) << "one line per 10 s, however many refusals";

  // The UI's own page, as Chromium sends it.
  http_reply own_page =
      http_exchange(web.port(), "POST", "/swarm", "user_count=2&spawn_rate=100",
                    with_form_type({{"Host", own.substr(7)}, {"Sec-Fetch-Site", "same-origin"}, {"Origin", own}}));
  EXPECT_TRUE(json_of(own_page)["success"].GetBool()) << own_page.body;
  EXPECT_TRUE(eventually([&] { return view(web.port()).users == 2; }));
  EXPECT_EQ(http_exchange(web.port(), "GET", "/stop", "", {{"Sec-Fetch-Site", "none"}}).status, 200)
      << "typed into the address bar";
}

TEST(WebUiOrigin, AHostNameTheUiWasNotGivenIsRefused) {
  demo_target target;
  web_run web(test_plugin("web_routes"), target.url());
  const std::string port = std::to_string(web.port());
  http_reply rebound = http_exchange(web.port(), "GET", "/stats/requests", "", {{"Host", "attacker.example:" + port}});
  EXPECT_EQ(rebound.status, 403);
  EXPECT_EQ(rebound.body, "Host 'attacker.example:" + port +
                              "' is not served here: this web UI answers to localhost, 127.x.x.x, [::1] (list other "
                              "names with --web-allowed-hosts)\n");
  EXPECT_EQ(http_exchange(web.port(), "GET", "/", "", {{"Host", "attacker.example"}}).status, 403);
  EXPECT_EQ(http_exchange(web.port(), "POST", "/swarm", "user_count=1", {{"Host", "10.0.0.1:" + port}}).status, 403);
  for (const std::string& served :
       {"localhost:" + port, "127.0.0.1:" + port, "[::1]:" + port, std::string("LOCALHOST")}) {
    EXPECT_EQ(http_exchange(web.port(), "GET", "/stats/requests", "", {{"Host", served}}).status, 200) << served;
  }
  EXPECT_EQ(view(web.port()).state, "ready");
}

TEST(WebUiOrigin, BeyondLoopbackTheAllowedHostsAndTheirWildcardsAreServed) {
  demo_target target;
  web_run web(test_plugin("web_routes"), target.url(),
              {"--web-host", "0.0.0.0", "--web-allowed-hosts", "locust.example.com", "--web-allowed-hosts",
               "*.svc.cluster.local", "--web-base-path", "/locust"},
              {}, {{"LOCUST_WEB_ALLOWED_HOSTS", "from-the-environment.example"}});
  const auto status_for = [&](const std::string& host) {
    return http_exchange(web.port(), "GET", "/locust/stats/requests", "", {{"Host", host}}).status;
  };
  EXPECT_EQ(status_for("locust.example.com"), 200);
  EXPECT_EQ(status_for("locust.loadtest.svc.cluster.local:8089"), 200) << "a Service's name";
  EXPECT_EQ(status_for("10.1.2.3:8089"), 200) << "a pod's address, as a Kubernetes probe sends it";
  EXPECT_EQ(status_for("localhost"), 200);
  EXPECT_EQ(status_for("attacker.example"), 403);
  EXPECT_EQ(status_for("svc.cluster.local"), 403);
  EXPECT_EQ(status_for("from-the-environment.example"), 403) << "the command line wins over the environment";
  EXPECT_EQ(web.process().stderr_text().find("answers requests for any host name"), std::string::npos)
      << "no warning with the option";

  // Behind a TLS-terminating proxy under /locust that keeps the Host and says the scheme.
  const headers proxied = {{"Host", "locust.example.com"},
                           {"X-Forwarded-Proto", "https"},
                           {"Origin", "https://locust.example.com"},
                           {"Sec-Fetch-Site", "same-origin"}};
  EXPECT_EQ(http_exchange(web.port(), "POST", "/locust/swarm", "user_count=1&spawn_rate=10",
                          with_form_type({proxied[0], proxied[2], proxied[3]}))
                .status,
            403)
      << "without the proxy's word, https is not this UI's scheme";
  EXPECT_TRUE(json_of(http_exchange(web.port(), "POST", "/locust/swarm", "user_count=1&spawn_rate=10",
                                    with_form_type(proxied)))["success"]
                  .GetBool());

  web_run from_env(test_plugin("web_routes"), target.url(), {"--web-host", "0.0.0.0"}, {},
                   {{"LOCUST_WEB_ALLOWED_HOSTS", "*.example.org,locust.example.net"}});
  EXPECT_EQ(http_exchange(from_env.port(), "GET", "/stats/requests", "", {{"Host", "a.example.org"}}).status, 200);
  EXPECT_EQ(http_exchange(from_env.port(), "GET", "/stats/requests", "", {{"Host", "locust.example.net"}}).status, 200);
  EXPECT_EQ(http_exchange(from_env.port(), "GET", "/stats/requests", "", {{"Host", "attacker.example"}}).status, 403);

  web_run star(test_plugin("web_routes"), target.url(), {"--web-host", "0.0.0.0", "--web-allowed-hosts", "*"});
  EXPECT_EQ(http_exchange(star.port(), "GET", "/stats/requests", "", {{"Host", "anything.example"}}).status, 200);
}

TEST(WebUiOrigin, BeyondLoopbackWithoutAllowedHostsAnyNameIsServedAndAWarningNamesTheOption) {
  demo_target target;
  web_run web(test_plugin("web_routes"), target.url(), {"--web-host", "0.0.0.0"});
  EXPECT_TRUE(web.process().wait_for_stderr(
      "answers requests for any host name, so a web page can read it through DNS rebinding: list the names it is "
      "reached by with --web-allowed-hosts",
      5s))
      << web.process().stderr_text();
  EXPECT_EQ(http_exchange(web.port(), "GET", "/stats/requests", "", {{"Host", "any.example"}}).status, 200);
}

TEST(WebUiOrigin, AnAllowedHostThatIsNoHostNameIsAClearError) {
  child_process run({std::string(bin_dir) + "/locustpp", "-f", test_plugin("web_routes"), "-P", "0", "--web-host",
                     "0.0.0.0", "--web-allowed-hosts", "https://locust.example.com"});
  EXPECT_EQ(run.wait(15s), 1);
  EXPECT_NE(run.stderr_text().find("--web-allowed-hosts: 'https://locust.example.com' is not a host name"),
            std::string::npos)
      << run.stderr_text();
}

TEST(WebUiOrigin, AProvidersRedirectBackToALoginCallbackTakesASameOriginStep) {
  demo_target target;
  web_run web(test_plugin("web_routes"), target.url(), {"--web-login"});
  const headers from_provider = {{"Sec-Fetch-Site", "cross-site"}, {"Sec-Fetch-Mode", "navigate"}};

  http_reply step = http_exchange(web.port(), "GET", "/login/sso?code=a%26b", "", from_provider);
  EXPECT_EQ(step.status, 200);
  EXPECT_EQ(step.header("Content-Type"), "text/html; charset=utf-8");
  EXPECT_NE(step.body.find(R"(location.replace("/login/sso?code=a%26b"))"), std::string::npos) << step.body;
  EXPECT_EQ(step.header("Set-Cookie"), "") << "the callback does not run yet";

  http_reply signed_in = http_exchange(web.port(), "GET", "/login/sso?code=a%26b", "",
                                       {{"Sec-Fetch-Site", "same-origin"}, {"Sec-Fetch-Mode", "navigate"}});
  EXPECT_EQ(signed_in.status, 302);
  EXPECT_NE(signed_in.header("Set-Cookie").find("SameSite=Strict"), std::string::npos) << signed_in.head;

  http_reply posted = http_exchange(web.port(), "POST", "/login_submit", "username=ann&password=%3Cletmein%3E",
                                    with_form_type(from_provider));
  EXPECT_EQ(posted.status, 200);
  EXPECT_NE(posted.body.find(R"(<form id="step" method="post" action="/login_submit">)"), std::string::npos);
  EXPECT_NE(posted.body.find(R"(<input type="hidden" name="password" value="&lt;letmein&gt;">)"), std::string::npos)
      << posted.body;
  EXPECT_EQ(http_exchange(web.port(), "POST", "/login_submit", "username=ann&password=letmein",
                          {{"Content-Type", "text/plain"}})
                .status,
            415);
  EXPECT_EQ(
      http_exchange(web.port(), "POST", "/login", "username=a&password=b", {{"Content-Type", "text/plain"}}).status,
      415);
  EXPECT_EQ(http_exchange(web.port(), "POST", "/login", "username=a&password=b",
                          with_form_type({{"Sec-Fetch-Site", "cross-site"}}))
                .status,
            403)
      << "the built-in form takes no post from another site";

  // A link from another site, while signed in: the step brings the Strict cookie back.
  http_reply linked = http_exchange(web.port(), "GET", "/", "", from_provider);
  EXPECT_NE(linked.body.find(R"(location.replace("/"))"), std::string::npos) << linked.body;
}

}  // namespace
