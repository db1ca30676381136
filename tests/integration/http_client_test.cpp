// The host against the demo target: counts, catch_response, transport
// failures, redirects, cookies, timeouts, bodies — all through real
// processes on loopback.
#include <gtest/gtest.h>

#include <rapidjson/document.h>

#include "demo_target.hpp"
#include "locustpp_run.hpp"

namespace locustpp::testing {
namespace {

std::vector<std::string> run_args(const demo_target& target, const std::string& user_class, const std::string& users,
                                  const std::string& seconds) {
  return {"-f",         test_plugin("scenarios"),
          "--headless", "-u",
          users,        "-r",
          "100",        "-t",
          seconds,      "--threads",
          "2",          "-H",
          target.url(), "-s",
          "5",          "--only-summary",
          user_class};
}

TEST(HttpClient, RequestCountsEqualWhatTheServerSaw) {
  demo_target target;
  run_result result = run_locustpp(run_args(target, "Counting", "8", "3s"));
  ASSERT_EQ(result.exit_code, 0) << result.err;
  rapidjson::Document counters;
  counters.Parse(http_get_body(target.port(), "/__counters").c_str());
  ASSERT_TRUE(counters.IsObject());
  std::uint64_t index = result.of("GET", "/").requests;
  std::uint64_t bytes = result.of("GET", "/bytes").requests;
  EXPECT_GT(index, 100u);
  EXPECT_GT(bytes, 30u);
  EXPECT_EQ(index, counters["by_path"]["/"].GetUint64());
  EXPECT_EQ(bytes, counters["by_path"]["/bytes/100"].GetUint64());
  EXPECT_EQ(result.total_failures(), 0u);
}

TEST(HttpClient, CatchResponseDecidesSuccessAndFailure) {
  demo_target target;
  run_result result = run_locustpp(run_args(target, "Catching", "2", "2s"));
  EXPECT_EQ(result.exit_code, 1) << "failures give --exit-code-on-error\n" << result.err;
  auto expected = result.of("GET", "/status/404");
  auto rejected = result.of("GET", "/");
  EXPECT_GT(expected.requests, 0u);
  EXPECT_EQ(expected.failures, 0u);
  EXPECT_GT(rejected.requests, 0u);
  EXPECT_EQ(rejected.failures, rejected.requests);
  EXPECT_NE(result.err.find("GET /: CatchResponseError('got 200, wanted teapot')"), std::string::npos) << result.err;
  // The last decision counts, as in Locust.
  auto mind_success = result.of("GET", "mind-success");
  auto mind_failure = result.of("GET", "mind-failure");
  EXPECT_GT(mind_success.requests, 0u);
  EXPECT_EQ(mind_success.failures, 0u) << "a 500 whose failure() was followed by success()";
  EXPECT_GT(mind_failure.requests, 0u);
  EXPECT_EQ(mind_failure.failures, mind_failure.requests);
  EXPECT_NE(result.err.find("GET mind-failure: CatchResponseError('second thought')"), std::string::npos) << result.err;
  EXPECT_EQ(result.err.find("first thought"), std::string::npos) << result.err;
}

TEST(HttpClient, ClosedPortGivesStatusZeroFailures) {
  demo_target target;
  run_result result = run_locustpp(run_args(target, "ClosedPort", "2", "1s"));
  EXPECT_EQ(result.exit_code, 1);
  auto closed = result.of("GET", "closed");
  EXPECT_GT(closed.requests, 0u);
  EXPECT_EQ(closed.failures, closed.requests);
  EXPECT_NE(result.err.find("ConnectionRefusedError"), std::string::npos) << result.err;
}

TEST(HttpClient, FollowsRedirectsAndKeepsThemWhenAsked) {
  demo_target target;
  run_result result = run_locustpp(run_args(target, "Redirecting", "2", "2s"));
  EXPECT_EQ(result.exit_code, 0) << result.out << result.err;
  EXPECT_GT(result.of("GET", "/redirect/3").requests, 0u);
  EXPECT_GT(result.of("GET", "no-follow").requests, 0u);
  EXPECT_EQ(result.total_failures(), 0u);
}

TEST(HttpClient, KeepsCookiesPerUser) {
  demo_target target;
  run_result result = run_locustpp(run_args(target, "Cookies", "3", "2s"));
  EXPECT_EQ(result.exit_code, 0) << result.out << result.err;
  EXPECT_GT(result.of("GET", "check").requests, 10u);
  EXPECT_EQ(result.total_failures(), 0u);
}

TEST(HttpClient, TimesOutSlowResponses) {
  demo_target target;
  run_result result = run_locustpp(run_args(target, "Timeouts", "2", "2s"));
  EXPECT_EQ(result.exit_code, 1);
  auto slow = result.of("GET", "slow");
  EXPECT_GE(slow.requests, 4u) << "0.3 s timeouts in a 2 s run";
  EXPECT_EQ(slow.failures, slow.requests);
  EXPECT_NE(result.err.find("ReadTimeout"), std::string::npos) << result.err;
  const auto& entry = result.stats[0];
  EXPECT_LT(entry["max_response_time"].GetDouble(), 1000.0) << "a timed-out request ends at its timeout";
}

TEST(HttpClient, HandlesLargeChunkedAndEchoedBodies) {
  demo_target target;
  run_result result = run_locustpp(run_args(target, "Bodies", "2", "2s"));
  EXPECT_EQ(result.exit_code, 0) << result.out << result.err;
  EXPECT_GT(result.of("GET", "big").requests, 0u);
  EXPECT_GT(result.of("GET", "chunked").requests, 0u);
  EXPECT_GT(result.of("POST", "echo").requests, 0u);
  EXPECT_EQ(result.total_failures(), 0u);
}

TEST(HttpClient, SendsBasicAuthFromTheHostUrl) {
  demo_target target;
  std::string with_credentials = "http://alice:s3cret@" + target.url().substr(7);
  run_result good = run_locustpp({"-f", test_plugin("scenarios"), "--headless", "-u", "1", "-r", "10", "-t", "1s", "-H",
                                  with_credentials, "--only-summary", "BasicAuth"});
  EXPECT_EQ(good.exit_code, 0) << good.out;
  EXPECT_GT(good.of("GET", "basic-auth").requests, 0u);
  EXPECT_EQ(good.total_failures(), 0u);
  std::string wrong = "http://alice:nope@" + target.url().substr(7);
  run_result bad = run_locustpp({"-f", test_plugin("scenarios"), "--headless", "-u", "1", "-r", "10", "-t", "1s", "-H",
                                 wrong, "--only-summary", "BasicAuth"});
  EXPECT_EQ(bad.exit_code, 1);
  EXPECT_NE(bad.err.find("HTTPError('401 Client Error: Unauthorized for url: basic-auth')"), std::string::npos)
      << bad.err;
}

// As in Locust, an exception in a task counts like a failure: exit code
// --exit-code-on-error (1 by default; 0 lets such a run pass).
TEST(HttpClient, ThrowingTaskIsReportedAndGivesTheErrorExitCode) {
  demo_target target;
  run_result result = run_locustpp(run_args(target, "Throwing", "2", "1s"));
  EXPECT_EQ(result.exit_code, 1);
  EXPECT_NE(result.err.find("boom from task"), std::string::npos) << result.err;
  EXPECT_GT(result.of("GET", "/").requests, 0u) << "the run went on";
  std::vector<std::string> passing = run_args(target, "Throwing", "2", "1s");
  passing.insert(passing.end(), {"--exit-code-on-error", "0"});
  EXPECT_EQ(run_locustpp(passing).exit_code, 0);
}

// The demo target's own misbehaving routes: /close answers and closes the
// connection (the next request opens a new one), /drop closes without an
// answer (a failure, with Python's text).
TEST(HttpClient, DemoTargetCloseAndDropRoutes) {
  demo_target target;
  auto fault_run = [&](const std::string& path) {
    return run_locustpp({"-f", test_plugin("faults"), "--headless", "-u", "2", "-r", "100", "-t", "1s", "-s", "3", "-H",
                         target.url(), "--fault-path", path, "--only-summary", "Fault"});
  };
  run_result closing = fault_run("/close");
  EXPECT_EQ(closing.exit_code, 0) << closing.err;
  run_result dropping = fault_run("/drop");
  EXPECT_EQ(dropping.exit_code, 1) << dropping.err;
  rapidjson::Document counters;
  counters.Parse(http_get_body(target.port(), "/__counters").c_str());
  ASSERT_TRUE(counters.IsObject());
  entry_counts closed = closing.of("GET", "/close");
  EXPECT_GT(closed.requests, 10u);
  EXPECT_EQ(closed.failures, 0u);
  EXPECT_EQ(closed.requests, counters["by_path"]["/close"].GetUint64());
  entry_counts dropped = dropping.of("GET", "/drop");
  EXPECT_GT(dropped.requests, 10u);
  EXPECT_EQ(dropped.failures, dropped.requests);
  EXPECT_EQ(dropped.requests, counters["by_path"]["/drop"].GetUint64());
  EXPECT_NE(dropping.err.find("RemoteDisconnected('Remote end closed connection without response')"), std::string::npos)
      << dropping.err;
}

}  // namespace
}  // namespace locustpp::testing
