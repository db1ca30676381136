// The HTTP client against a misbehaving server (tests/fault_server): for
// every way a server can break HTTP, the host reports exactly the requests
// the server saw, fails exactly those where it misbehaved, with Locust's
// (Python's) error text, and never hangs or crashes.
#include <gtest/gtest.h>

#include <string>

#include "child_process.hpp"
#include "demo_target.hpp"
#include "fault_server.hpp"
#include "locustpp_run.hpp"
#include "output_text.hpp"
#include "tls_certificate.hpp"

namespace locustpp::testing {
namespace {

constexpr int users = 3;

struct fault_case {
  const char* path;
  const char* error;  // expected in _failures.csv; nullptr: every request succeeds
};

void PrintTo(const fault_case& fault, std::ostream* out) {
  *out << fault.path;
}

struct fault_run {
  run_result result;
  std::string failures_csv;
  std::map<std::string, std::uint64_t> seen;
};

fault_run run_against(const fault_server& server, const std::string& user_class, const std::string& path,
                      const std::string& host, const std::vector<std::string>& extra = {}) {
  auto dir = make_temp_dir("locustpp-faults");
  std::string prefix = (dir / "run").string();
  fault_run run;
  // -s 3: at the end every request in flight finishes (the stalls time out
  // after 0.5 s), so the server's count and ours must agree exactly.
  std::vector<std::string> args{"-f",
                                test_plugin("faults"),
                                "--headless",
                                "-u",
                                std::to_string(users),
                                "-r",
                                "100",
                                "-t",
                                "2s",
                                "-s",
                                "3",
                                "--threads",
                                "2",
                                "-H",
                                host,
                                "--network-timeout",
                                "0.5",
                                "--fault-path",
                                path,
                                "--csv",
                                prefix,
                                "--only-summary",
                                user_class};
  args.insert(args.end(), extra.begin(), extra.end());
  run.result = run_locustpp(args);
  run.failures_csv = read_file(prefix + "_failures.csv");
  run.seen = server.seen();
  return run;
}

class EveryFault : public ::testing::TestWithParam<fault_case> {};

TEST_P(EveryFault, CountsAndFailuresMatchWhatTheServerDid) {
  const fault_case& fault = GetParam();
  fault_server server;
  fault_run run = run_against(server, "Fault", fault.path, server.url());
  ASSERT_TRUE(run.result.exit_code.has_value()) << "locustpp hung\n" << run.result.err;
  entry_counts counts = run.result.of("GET", fault.path);
  EXPECT_GT(counts.requests, 0u) << run.result.err;
  EXPECT_EQ(counts.requests, run.seen[fault.path]) << "host requests = requests the server read";
  if (fault.error == nullptr) {
    EXPECT_EQ(*run.result.exit_code, 0) << run.failures_csv << run.result.err;
    EXPECT_EQ(counts.failures, 0u) << run.failures_csv;
  } else {
    EXPECT_EQ(*run.result.exit_code, 1) << run.result.err;
    EXPECT_EQ(counts.failures, counts.requests) << run.failures_csv;
    EXPECT_TRUE(contains(run.failures_csv, fault.error)) << run.failures_csv;
  }
}

INSTANTIATE_TEST_SUITE_P(
    HttpFaults, EveryFault,
    ::testing::Values(fault_case{"/ok", nullptr},
                      fault_case{"/reset", "ConnectionResetError(104, 'Connection reset by peer')"},
                      fault_case{"/drop", "RemoteDisconnected('Remote end closed connection without response')"},
                      fault_case{"/close-after", nullptr}, fault_case{"/garbage", "BadStatusLine('GARBAGE')"},
                      fault_case{"/bad-status", "BadStatusLine('HTTP/1.1 abc Bad')"},
                      // In the CSV as Python reads it: ESC escaped, invalid UTF-8 as U+FFFD.
                      fault_case{"/hostile-status",
                                 "BadStatusLine('HTTP/1.1 abc \\x1b[31m \xEF\xBF\xBD \xEF\xBF\xBD \xEF\xBF\xBD end')"},
                      fault_case{"/truncated", "IncompleteRead(5 bytes read, 95 more expected)"},
                      fault_case{"/huge-header", "LineTooLong('got more than 65536 bytes when reading header line')"},
                      fault_case{"/bad-chunk", "InvalidChunkLength(got length b'zz', 0 bytes read)"},
                      fault_case{"/stall", "ReadTimeout("}, fault_case{"/drip", nullptr},
                      fault_case{"/http10", nullptr}, fault_case{"/no-content-body", nullptr}),
    [](const ::testing::TestParamInfo<fault_case>& param_info) {
      std::string name;
      for (const char* c = param_info.param.path + 1; *c != '\0'; ++c) name += std::isalnum(*c) ? *c : '_';
      return name;
    });

// On a kept-alive connection the server drops: the client retries once on a
// fresh connection, which the server drops too; one failed request counts.
TEST(HttpFaults, DropOnAReusedConnectionFailsAfterOneRetry) {
  fault_server server;
  fault_run run = run_against(server, "AfterOk", "/drop", server.url());
  entry_counts drop = run.result.of("GET", "/drop");
  ASSERT_GT(drop.requests, 0u) << run.result.err;
  EXPECT_EQ(drop.failures, drop.requests);
  EXPECT_EQ(run.result.of("GET", "/ok").failures, 0u) << run.failures_csv;
  EXPECT_EQ(run.result.of("GET", "/ok").requests, run.seen["/ok"]);
  EXPECT_GE(run.seen["/drop"], drop.requests);
  EXPECT_LE(run.seen["/drop"], 2 * drop.requests) << "at most one retry per request";
  EXPECT_TRUE(contains(run.failures_csv, "RemoteDisconnected('Remote end closed connection without response')"))
      << run.failures_csv;
}

// The keep-alive race: a server that closes right after a complete response.
// Idempotent requests on the dead connection are retried, invisibly.
TEST(HttpFaults, KeepAliveRaceIsRetriedWithoutFailures) {
  fault_server server;
  fault_run run = run_against(server, "AfterOk", "/close-after", server.url());
  EXPECT_EQ(run.result.exit_code, 0) << run.failures_csv;
  EXPECT_EQ(run.result.total_failures(), 0u) << run.failures_csv;
  EXPECT_EQ(run.result.of("GET", "/ok").requests, run.seen["/ok"]);
  EXPECT_EQ(run.result.of("GET", "/close-after").requests, run.seen["/close-after"]);
}

// A POST is never sent twice: whatever fails after it was written is a
// failure, not a retry, so the server never sees more POSTs than we report.
TEST(HttpFaults, PostIsNeverRepeatedAfterItWasWritten) {
  fault_server server;
  fault_run run = run_against(server, "PostFault", "/close-after", server.url());
  entry_counts posts = run.result.of("POST", "/close-after");
  ASSERT_GT(posts.requests, 0u) << run.result.err;
  EXPECT_LE(run.seen["/close-after"], posts.requests);
  EXPECT_EQ(run.seen["/close-after"], posts.requests - posts.failures) << "every success reached the server once";
}

TEST(HttpFaults, StalledTlsHandshakeIsAnSslTimeout) {
  fault_server server;
  fault_run run = run_against(server, "Fault", "/ok", server.stalling_tls_url());
  entry_counts counts = run.result.of("GET", "/ok");
  EXPECT_EQ(run.result.exit_code, 1);
  EXPECT_GE(counts.requests, static_cast<std::uint64_t>(users)) << run.result.err;
  EXPECT_EQ(counts.failures, counts.requests);
  EXPECT_TRUE(contains(run.failures_csv, "SSLError('The handshake operation timed out')")) << run.failures_csv;
  EXPECT_FALSE(contains(run.failures_csv, "ConnectTimeout")) << run.failures_csv;
}

TEST(HttpFaults, ConnectThatHangsIsAConnectTimeout) {
  fault_server server;
  fault_run run = run_against(server, "Fault", "/ok", server.stalling_connect_url(), {"--connect-timeout", "0.3"});
  entry_counts counts = run.result.of("GET", "/ok");
  EXPECT_EQ(run.result.exit_code, 1);
  EXPECT_GE(counts.requests, static_cast<std::uint64_t>(users)) << run.result.err;
  EXPECT_EQ(counts.failures, counts.requests);
  EXPECT_TRUE(contains(run.failures_csv, "ConnectTimeout('Connection to 127.0.0.1 timed out. (connect timeout=0.3)')"))
      << run.failures_csv;
}

// A header value with CR LF fails the request before anything is written:
// the server never sees it, let alone the injected line.
TEST(HttpFaults, HeaderInjectionIsRefusedNotWritten) {
  fault_server server;
  fault_run run = run_against(server, "InjectHeader", "/ok", server.url());
  entry_counts injected = run.result.of("GET", "injected");
  ASSERT_GT(injected.requests, 0u) << run.result.err;
  EXPECT_EQ(injected.failures, injected.requests);
  EXPECT_EQ(run.seen["/ok"], 0u);
  EXPECT_TRUE(
      contains(run.failures_csv, "InvalidHeader('Invalid return character or leading space in header: X-Evil')"))
      << run.failures_csv;
}

// Paths are percent-encoded as requests does: the server gets a valid
// request target, and the statistics name is the encoded path.
TEST(HttpFaults, PathsArePercentEncodedLikeRequests) {
  fault_server server;
  fault_run run = run_against(server, "SpacedPath", "/ok", server.url());
  const std::string encoded = "/ok%20please/caf%C3%A9";
  entry_counts counts = run.result.of("GET", encoded);
  ASSERT_GT(counts.requests, 0u) << run.result.err << run.failures_csv;
  EXPECT_EQ(counts.requests, run.seen[encoded]);
}

// -s 0 kills users while their requests are in flight: the process ends
// cleanly (under the sanitizers: no use of a freed connection), reports
// only finished requests, and the server saw at most one more per user.
class KilledMidRequest : public ::testing::TestWithParam<bool> {};

TEST_P(KilledMidRequest, EndsCleanlyAndCountsOnlyFinishedRequests) {
  bool tls = GetParam();
  std::optional<tls_certificate> certificate;
  std::vector<std::string> server_args;
  if (tls) {
    certificate = make_self_signed_certificate();
    server_args = {"--tls-cert", certificate->cert_file, "--tls-key", certificate->key_file};
  }
  demo_target target(server_args);
  run_result result =
      run_locustpp({"-f", test_plugin("faults"), "--headless", "-u", "4", "-r", "100", "-t", "1s", "-s", "0",
                    "--insecure", "-H", target.url(), "--fault-path", "/delay/400", "--only-summary", "Fault"});
  ASSERT_EQ(result.exit_code, 0) << result.err;
  EXPECT_FALSE(contains(result.err, "Sanitizer")) << result.err;
  EXPECT_FALSE(contains(result.err, "runtime error")) << result.err;
  rapidjson::Document counters;
  counters.Parse(curl_get_body(target.url() + "/__counters").c_str());
  ASSERT_TRUE(counters.IsObject());
  std::uint64_t reported = result.of("GET", "/delay/400").requests;
  std::uint64_t seen = counters["by_path"]["/delay/400"].GetUint64();
  EXPECT_GE(reported, 4u);
  EXPECT_GE(seen, reported);
  EXPECT_LE(seen, reported + 4) << "at most the requests in flight at the kill are unreported";
}

INSTANTIATE_TEST_SUITE_P(HttpFaults, KilledMidRequest, ::testing::Values(false, true),
                         [](const ::testing::TestParamInfo<bool>& param_info) {
                           return param_info.param ? "https" : "http";
                         });

}  // namespace
}  // namespace locustpp::testing
