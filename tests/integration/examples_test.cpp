// The examples in examples/ run against the demo target, and print or do
// what their comments promise: event hooks, the runner kind, request
// context, custom arguments, parametrizing through the environment, a
// fail-ratio checker, the test-data lifecycle, a load shape and a custom
// client.
#include <gtest/gtest.h>

#include <rapidjson/document.h>

#include <chrono>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include "child_process.hpp"
#include "demo_target.hpp"
#include "locustpp_run.hpp"
#include "output_text.hpp"
#include "test_paths.hpp"

namespace locustpp::testing {
namespace {

std::string example(const std::string& name) {
  return std::string(examples_dir) + "/" + name + ".so";
}

// Index of the first line starting with `prefix`, or -1.
long first_line(const std::string& text, const std::string& prefix) {
  auto lines = lines_of(text);
  for (std::size_t i = 0; i < lines.size(); ++i) {
    if (starts_with(lines[i], prefix)) return static_cast<long>(i);
  }
  return -1;
}

// A short headless run of one example against `target`.
run_result run_example(const std::string& name, const demo_target& target, std::vector<std::string> extra = {},
                       std::map<std::string, std::string> env = {}, const std::string& working_dir = {}) {
  std::vector<std::string> args{"-f", example(name), "--headless", "-H", target.url(), "--only-summary"};
  args.insert(args.end(), extra.begin(), extra.end());
  return run_locustpp(args, 30, std::move(env), working_dir);
}

// ---- event_hooks ----------------------------------------------------------------

TEST(Examples, EventHooksPrintEverySuccessAndFailure) {
  demo_target target;
  run_result result = run_example("event_hooks", target, {"-u", "2", "-r", "100", "-t", "2s"});
  EXPECT_EQ(result.exit_code, 1) << "requests to /status/500 fail: " << result.err;
  auto succeeded = lines_starting_with(result.out, "Request succeeded: GET / (200, ");
  auto failed = lines_starting_with(
      result.out,
      "Request failed: GET /status/500 (HTTPError('500 Server Error: Internal Server Error for url: "
      "/status/500'))");
  EXPECT_GT(succeeded.size(), 0u) << result.out;
  EXPECT_GT(failed.size(), 0u) << result.out;
  // One line per request, as the statistics count them.
  EXPECT_EQ(succeeded.size(), result.of("GET", "/").requests);
  EXPECT_EQ(failed.size(), result.of("GET", "/status/500").failures);
  EXPECT_EQ(result.of("GET", "/status/500").failures, result.of("GET", "/status/500").requests);
  EXPECT_EQ(lines_starting_with(result.out, "Request ").size(), result.total_requests());
}

// ---- runner_kind ----------------------------------------------------------------

TEST(Examples, RunnerKindSaysLocalAtTestStartAndStop) {
  demo_target target;
  run_result result = run_example("runner_kind", target, {"-u", "1", "-t", "1s"});
  ASSERT_EQ(result.exit_code, 0) << result.err;
  long start = first_line(result.out, "test_start on a local runner: setting up test data here");
  long stop = first_line(result.out, "test_stop on a local runner: cleaning up test data here");
  ASSERT_GE(start, 0) << result.out;
  ASSERT_GT(stop, start) << result.out;
  EXPECT_FALSE(contains(result.out, "master runner")) << result.out;
  EXPECT_FALSE(contains(result.out, "worker runner")) << result.out;
  EXPECT_GT(result.total_requests(), 0u);
}

// ---- request_context ---------------------------------------------------------------

TEST(Examples, RequestContextMergesUserRequestAndResponseKeys) {
  demo_target target;
  run_result result = run_example("request_context", target, {"-u", "2", "-r", "100", "-t", "2s"});
  ASSERT_EQ(result.exit_code, 0) << result.err;
  auto plain = lines_starting_with(result.out, "context of GET plain:");
  auto tagged = lines_starting_with(result.out, "context of GET tagged:");
  ASSERT_GT(plain.size(), 0u) << result.out;
  ASSERT_GT(tagged.size(), 0u) << result.out;
  EXPECT_EQ(plain.size(), result.of("GET", "plain").requests);
  EXPECT_EQ(tagged.size(), result.of("GET", "tagged").requests);
  for (const auto& line : plain) {
    // Only the user's context(), sorted by key.
    EXPECT_TRUE(starts_with(line, "context of GET plain: source=user tier=basic user=user-")) << line;
  }
  for (const auto& line : tagged) {
    // The request's source=request replaces the user's source=user; the
    // response added status=200; the user's other keys stay.
    EXPECT_TRUE(starts_with(line, "context of GET tagged: page=home source=request status=200 tier=basic user=user-"))
        << line;
    EXPECT_FALSE(contains(line, "source=user")) << line;
  }
  // Each user has its own context.
  EXPECT_TRUE(contains(result.out, "user=user-1")) << result.out;
  EXPECT_TRUE(contains(result.out, "user=user-2")) << result.out;
}

// ---- custom_arguments ----------------------------------------------------------------

constexpr const char* secret_default = "Sw0rdf1sh-default";

TEST(Examples, CustomArgumentsShowInHelpWithoutTheSecret) {
  run_result help = run_locustpp({"-f", example("custom_arguments"), "--help"});
  ASSERT_EQ(help.exit_code, 0) << help.err;
  EXPECT_TRUE(contains(help.out, "--my-argument")) << help.out;
  EXPECT_TRUE(contains(help.out, "LOCUST_MY_ARGUMENT")) << help.out;
  EXPECT_TRUE(contains(help.out, "--env")) << help.out;
  EXPECT_TRUE(contains(help.out, "'dev', 'staging', 'prod'")) << help.out;
  EXPECT_TRUE(contains(help.out, "--my-ui-invisible-argument")) << help.out;
  EXPECT_TRUE(contains(help.out, "--my-ui-password-argument")) << help.out;
  EXPECT_FALSE(contains(help.out, secret_default)) << help.out;
  EXPECT_FALSE(contains(help.err, secret_default)) << help.err;
}

TEST(Examples, CustomArgumentsPrintTheirValuesButNeverTheSecret) {
  demo_target target;
  run_result result = run_example("custom_arguments", target, {"-u", "1", "-t", "1s", "--env", "staging"},
                                  {{"LOCUST_MY_ARGUMENT", "from-env"}});
  ASSERT_EQ(result.exit_code, 0) << result.err;
  EXPECT_GE(first_line(result.out, "Custom argument supplied: my-argument=from-env"), 0) << result.out;
  EXPECT_GE(first_line(result.out, "env=staging"), 0) << result.out;
  EXPECT_GE(first_line(result.out, "my-ui-invisible-argument=I am invisible"), 0) << result.out;
  EXPECT_GE(first_line(result.out, "my-ui-password-argument is set (its value is never printed)"), 0) << result.out;
  EXPECT_FALSE(contains(result.out, secret_default)) << result.out;
  EXPECT_FALSE(contains(result.err, secret_default)) << result.err;

  // A secret given on the command line stays hidden too.
  run_result given =
      run_example("custom_arguments", target, {"-u", "1", "-t", "1s", "--my-ui-password-argument", "Given-S3cret"});
  ASSERT_EQ(given.exit_code, 0) << given.err;
  EXPECT_GE(first_line(given.out, "my-ui-password-argument is set"), 0) << given.out;
  EXPECT_FALSE(contains(given.out, "Given-S3cret")) << given.out;
  EXPECT_FALSE(contains(given.err, "Given-S3cret")) << given.err;
}

TEST(Examples, CustomArgumentPrecedenceIsConfigFileThenEnvironmentThenCommandLine) {
  demo_target target;
  auto dir = make_temp_dir("locustpp-example-conf");
  std::ofstream(dir / "locust.conf") << "my-argument = from-config\nenv = prod\n";
  std::vector<std::string> quick{"-u", "1", "-t", "1s"};
  auto supplied = [](const run_result& result) {
    auto lines = lines_starting_with(result.out, "Custom argument supplied: ");
    return lines.empty() ? std::string("(nothing printed)") : lines.front();
  };

  run_result from_file = run_example("custom_arguments", target, quick, {}, dir.string());
  ASSERT_EQ(from_file.exit_code, 0) << from_file.err;
  EXPECT_EQ(supplied(from_file), "Custom argument supplied: my-argument=from-config");
  EXPECT_GE(first_line(from_file.out, "env=prod"), 0) << from_file.out;

  run_result from_env =
      run_example("custom_arguments", target, quick, {{"LOCUST_MY_ARGUMENT", "from-env"}}, dir.string());
  ASSERT_EQ(from_env.exit_code, 0) << from_env.err;
  EXPECT_EQ(supplied(from_env), "Custom argument supplied: my-argument=from-env");

  std::vector<std::string> with_flag = quick;
  with_flag.insert(with_flag.end(), {"--my-argument", "from-command-line"});
  run_result from_flag =
      run_example("custom_arguments", target, with_flag, {{"LOCUST_MY_ARGUMENT", "from-env"}}, dir.string());
  ASSERT_EQ(from_flag.exit_code, 0) << from_flag.err;
  EXPECT_EQ(supplied(from_flag), "Custom argument supplied: my-argument=from-command-line");

  // Without any of them: the declared default.
  run_result plain = run_example("custom_arguments", target, quick);
  ASSERT_EQ(plain.exit_code, 0) << plain.err;
  EXPECT_EQ(supplied(plain), "Custom argument supplied: my-argument=default");
  EXPECT_GE(first_line(plain.out, "env=dev"), 0) << plain.out;
}

// A value typed on the command line outside its choices: exit code 2, as
// argparse gives (from a config file or a variable it would be 1).
TEST(Examples, CustomArgumentOutsideItsChoicesIsAUsageError) {
  run_result result =
      run_locustpp({"-f", example("custom_arguments"), "--headless", "-u", "1", "-t", "1s", "--env", "qa"});
  EXPECT_EQ(result.exit_code, 2);
  EXPECT_TRUE(contains(result.err, "invalid choice for --env: 'qa'")) << result.err;
  EXPECT_TRUE(contains(result.err, "'dev', 'staging', 'prod'")) << result.err;
  EXPECT_EQ(result.total_requests(), 0u) << "no test ran";
  EXPECT_FALSE(contains(result.out + result.err, secret_default));
}

TEST(Examples, MissingRequiredArgumentIsAUsageError) {
  run_result missing = run_locustpp({"-f", test_plugin("required_argument"), "--headless", "-u", "1", "-t", "1s"});
  EXPECT_EQ(missing.exit_code, 2) << "argparse's exit code";
  EXPECT_TRUE(contains(missing.err, "the following argument is required: --api-key")) << missing.err;

  // Its environment variable is enough.
  demo_target target;
  run_result given = run_locustpp({"-f", test_plugin("required_argument"), "--headless", "-u", "1", "-t", "1s", "-H",
                                   target.url(), "--only-summary"},
                                  30, {{"API_KEY", "abc123"}});
  EXPECT_EQ(given.exit_code, 0) << given.err;
  EXPECT_GE(first_line(given.out, "api key has 6 characters"), 0) << given.out;
}

// ---- env_parametrize -----------------------------------------------------------------

TEST(Examples, EnvironmentVariablePicksThePathUsersRequest) {
  demo_target target;
  run_result chosen = run_example("env_parametrize", target, {"-u", "2", "-r", "100", "-t", "1s"},
                                  {{"TARGET_PATH", "/bytes/7"}, {"TARGET_WAIT", "0.1"}});
  ASSERT_EQ(chosen.exit_code, 0) << chosen.err;
  EXPECT_GE(first_line(chosen.out,
                       "env_parametrize: users request /bytes/7 (from TARGET_PATH), waiting 0.1 s (from TARGET_WAIT)"),
            0)
      << chosen.out;
  EXPECT_GT(chosen.of("GET", "/bytes/7").requests, 0u);
  EXPECT_EQ(chosen.of("GET", "/bytes/7").requests, chosen.total_requests()) << "only the chosen path";

  run_result fallback = run_example("env_parametrize", target, {"-u", "1", "-t", "1s"});
  ASSERT_EQ(fallback.exit_code, 0) << fallback.err;
  EXPECT_GE(first_line(fallback.out, "env_parametrize: users request / (default), waiting 0.5 s (default)"), 0)
      << fallback.out;
  EXPECT_GT(fallback.of("GET", "/").requests, 0u);
  EXPECT_EQ(fallback.of("GET", "/").requests, fallback.total_requests());
}

// ---- fail_ratio_checker ----------------------------------------------------------------

TEST(Examples, FailRatioCheckerQuitsSoonAfterTheRatioPassesTheLimit) {
  demo_target target;
  auto started = std::chrono::steady_clock::now();
  // -t 60s: only the checker can end this run early.
  run_result result = run_example("fail_ratio_checker", target, {"-u", "4", "-r", "100", "-t", "60s"});
  double wall_seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  ASSERT_TRUE(result.exit_code.has_value()) << "did not stop by itself";
  EXPECT_EQ(result.exit_code, 1) << "requests failed: " << result.err;
  EXPECT_LT(wall_seconds, 10.0);
  auto lines = lines_starting_with(result.out, "fail ratio was ");
  ASSERT_EQ(lines.size(), 1u) << result.out;
  EXPECT_TRUE(contains(lines.front(), "above 0.20: quitting")) << lines.front();
  // /flaky?p=0.5 fails every other request (requests in flight at the stop
  // are dropped, so not exactly half here), so the ratio is above 0.2 from
  // the second request on: the last request comes within 3 s of the start.
  auto counts = result.of("GET", "/flaky");
  ASSERT_GT(counts.requests, 0u);
  double ratio = static_cast<double>(counts.failures) / static_cast<double>(counts.requests);
  EXPECT_GT(ratio, 0.3);
  EXPECT_LT(ratio, 0.7);
  ASSERT_TRUE(result.stats.IsArray() && result.stats.Size() == 1u);
  const auto& entry = result.stats[0];
  double span = entry["last_request_timestamp"].GetDouble() - entry["start_time"].GetDouble();
  EXPECT_LT(span, 3.0) << "requests went on for " << span << " s";
}

// ---- testdata_management ----------------------------------------------------------------

TEST(Examples, TestDataLifecyclePointsPrintInOrder) {
  demo_target target;
  run_result result = run_example("testdata_management", target, {"-u", "2", "-r", "100", "-t", "5s", "-s", "3s"});
  ASSERT_EQ(result.exit_code, 0) << result.err;
  const std::vector<std::string> points{
      "1. init:",      "2. test_start:", "3. on_start:",        "4. task:", "5. test_stopping:", "6. on_stop:",
      "7. test_stop:", "8. quitting:",   "9. quit: exit code 0"};
  long previous = -1;
  for (const auto& point : points) {
    long at = first_line(result.out, point);
    ASSERT_GE(at, 0) << "missing: " << point << "\n" << result.out;
    EXPECT_GT(at, previous) << point << " is out of order\n" << result.out;
    previous = at;
  }
  // Once per process or test, once per user for the user hooks.
  EXPECT_EQ(lines_starting_with(result.out, "1. init:").size(), 1u);
  EXPECT_EQ(lines_starting_with(result.out, "2. test_start:").size(), 1u);
  EXPECT_EQ(lines_starting_with(result.out, "3. on_start:").size(), 2u);
  EXPECT_EQ(lines_starting_with(result.out, "6. on_stop:").size(), 2u) << "both users stop gracefully";
  EXPECT_EQ(lines_starting_with(result.out, "9. quit:").size(), 1u);
  EXPECT_EQ(lines_starting_with(result.out, "4. task:").size(), result.of("GET", "/delay/[ms]").requests);
  EXPECT_EQ(result.of("POST", "/login").requests, 2u);
  EXPECT_EQ(result.of("GET", "logout").requests, 2u);
}

}  // namespace
}  // namespace locustpp::testing

namespace locustpp::testing {
namespace {

// ---- load_shape ------------------------------------------------------------------

TEST(Examples, LoadShapeStepsThroughItsStagesAndEndsTheTest) {
  demo_target target;
  auto started = std::chrono::steady_clock::now();
  run_result result = run_example("load_shape", target, {"-t", "60s", "-u", "50"});
  double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  EXPECT_EQ(result.exit_code, 0) << result.err;
  EXPECT_LT(seconds, 10.0) << "the last stage ends at 5 s; -t 60s is ignored";
  long four = -1, one = -1;
  auto lines = lines_of(result.err);
  for (std::size_t i = 0; i < lines.size(); ++i) {
    if (contains(lines[i], "Ramping to 4 users") && four < 0) four = static_cast<long>(i);
    if (contains(lines[i], "Ramping to 1 users") && one < 0) one = static_cast<long>(i);
  }
  EXPECT_TRUE(contains(result.err, "Ramping to 2 users")) << result.err;
  EXPECT_GE(four, 0) << result.err;
  EXPECT_GT(one, four) << "stages in order\n" << result.err;
  EXPECT_TRUE(contains(result.err, "Load shape 'stages' ended the test")) << result.err;
  EXPECT_GT(result.of("GET", "/").requests, 0u);
}

// ---- custom_client ---------------------------------------------------------------

TEST(Examples, CustomClientRequestsAreReportedLikeHttpOnes) {
  demo_target target;
  run_result result = run_example("custom_client", target, {"-u", "2", "-r", "10", "-t", "2s"});
  EXPECT_EQ(result.exit_code, 0) << result.err;
  entry_counts index = result.of("RAW", "/");
  entry_counts bytes = result.of("RAW", "/bytes/64");
  EXPECT_GT(index.requests, 5u) << result.err;
  EXPECT_GT(bytes.requests, 0u);
  EXPECT_EQ(index.failures + bytes.failures, 0u);
  rapidjson::Document counters;
  counters.Parse(http_get_body(target.port(), "/__counters").c_str());
  ASSERT_TRUE(counters.IsObject());
  EXPECT_EQ(counters["by_path"]["/"].GetUint64(), index.requests) << "every call reached the server once";
  EXPECT_EQ(counters["by_path"]["/bytes/64"].GetUint64(), bytes.requests);
}

}  // namespace
}  // namespace locustpp::testing
