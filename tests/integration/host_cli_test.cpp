// The host's command line and outputs, end to end: CSV files that match the
// final summary, SIGINT, configuration errors, --list, --help, --version,
// and HTTPS against a self-signed server.
#include <gtest/gtest.h>

#include <signal.h>

#include <chrono>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <thread>

#include "child_process.hpp"
#include "demo_target.hpp"
#include "locustpp_run.hpp"
#include "test_paths.hpp"
#include "tls_certificate.hpp"

namespace locustpp::testing {
namespace {

std::string locustpp_binary() {
  return std::string(bin_dir) + "/locustpp";
}

std::vector<std::string> csv_row(const std::string& text, const std::string& starting_with) {
  std::istringstream lines(text);
  std::string line;
  while (std::getline(lines, line)) {
    if (line.rfind(starting_with, 0) == 0) {
      std::vector<std::string> fields;
      std::istringstream cells(line);
      std::string cell;
      while (std::getline(cells, cell, ',')) fields.push_back(cell);
      return fields;
    }
  }
  return {};
}

TEST(HostCli, CsvFilesAreWrittenAndMatchTheFinalSummary) {
  demo_target target;
  auto dir = make_temp_dir("locustpp-csv");
  std::string prefix = (dir / "sub" / "run").string();
  run_result result = run_locustpp({"-f", test_plugin("scenarios"), "--headless", "-u", "4", "-r", "100", "-t", "2s",
                                    "-H", target.url(), "--csv", prefix, "Counting"});
  ASSERT_EQ(result.exit_code, 0) << result.err;
  std::string stats = read_file(prefix + "_stats.csv");
  EXPECT_EQ(stats.substr(0, stats.find("\r\n")),  // Python's csv module ends rows with \r\n; so do we
            "Type,Name,Request Count,Failure Count,Median Response Time,Average Response Time,Min Response Time,"
            "Max Response Time,Average Content Size,Requests/s,Failures/s,50%,66%,75%,80%,90%,95%,98%,99%,99.9%,"
            "99.99%,100%");
  auto aggregated = csv_row(stats, ",Aggregated,");
  ASSERT_GE(aggregated.size(), 4u) << stats;
  EXPECT_EQ(std::stoull(aggregated[2]), result.total_requests()) << "final CSV write matches the final stats";
  EXPECT_NE(read_file(prefix + "_stats_history.csv").find("Timestamp,User Count,Type,Name"), std::string::npos);
  EXPECT_EQ(read_file(prefix + "_failures.csv").substr(0, 43), "Method,Name,Error,Occurrences,First Seen,La");
  EXPECT_EQ(read_file(prefix + "_exceptions.csv").substr(0, 29), "Count,Message,Traceback,Nodes");
  // The summary printed the same total.
  EXPECT_NE(result.err.find("Aggregated"), std::string::npos);
  EXPECT_NE(result.err.find("Response time percentiles"), std::string::npos);
}

TEST(HostCli, ManyRequestNamesGetOneWarningNamingTheCause) {
  demo_target target;
  run_result result = run_locustpp({"-f", test_plugin("scenarios"), "--headless", "-u", "2", "-r", "100", "-i", "3000",
                                    "-H", target.url(), "--only-summary", "ManyNames"});
  ASSERT_EQ(result.exit_code, 0) << result.err;
  EXPECT_EQ(result.total_requests(), 6000u);
  const std::string marker = "distinct request names so far (e.g. GET /item/0, GET /item/1, GET /item/10)";
  const std::size_t at = result.err.find(marker);
  ASSERT_NE(at, std::string::npos) << result.err.substr(0, 2000);
  EXPECT_EQ(result.err.find(marker, at + 1), std::string::npos) << "warned more than once";
  EXPECT_NE(result.err.find("{.name = \"/item/[id]\"}"), std::string::npos);
  EXPECT_NE(result.err.find("GET      /item/1199 "), std::string::npos) << "every name still has its row";
}

TEST(HostCli, SourceAddressesSpreadConnections) {
  demo_target target;
  run_result result =
      run_locustpp({"-f", test_plugin("scenarios"), "--headless", "-u", "6", "-r", "100", "-i", "5", "-H", target.url(),
                    "--source-addresses", "127.0.0.2-127.0.0.3,127.0.0.5", "Peers"});
  ASSERT_EQ(result.exit_code, 0) << result.err;
  for (const char* address : {"127.0.0.2 ", "127.0.0.3 ", "127.0.0.5 "}) {
    EXPECT_NE(result.err.find(std::string("PEER     ") + address), std::string::npos) << address << result.err;
  }
  EXPECT_EQ(result.err.find("PEER     127.0.0.1 "), std::string::npos);
  EXPECT_EQ(result.err.find("PEER     127.0.0.4 "), std::string::npos);
}

TEST(HostCli, BadSourceAddressesAreRefusedBeforeTheTest) {
  run_result typo = run_locustpp({"-f", test_plugin("scenarios"), "--headless", "-t", "1s", "-H", "http://127.0.0.1:1",
                                  "--source-addresses", "127.0.0.2,127.0.0.x", "Peers"});
  EXPECT_EQ(typo.exit_code, 2);
  EXPECT_NE(typo.err.find("--source-addresses: '127.0.0.x' is not an IP address"), std::string::npos) << typo.err;
  run_result foreign = run_locustpp({"-f", test_plugin("scenarios"), "--headless", "-t", "1s", "-H",
                                     "http://127.0.0.1:1", "--source-addresses", "192.0.2.1", "Peers"});
  EXPECT_EQ(foreign.exit_code, 1);
  EXPECT_NE(foreign.err.find("--source-addresses: cannot send from 192.0.2.1 (Cannot assign requested address)"),
            std::string::npos)
      << foreign.err;
  EXPECT_EQ(foreign.err.find("Starting Locust"), std::string::npos) << "refused before the test";
}

// Every user holds a connection: the soft open-files limit is raised to the
// hard one, and users that still do not fit are announced.
TEST(HostCli, OpenFileLimitIsRaisedAndUsersThatDoNotFitAreAnnounced) {
  demo_target target;
  const std::vector<std::string> run = {
      locustpp_binary(), "-f",      test_plugin("scenarios"), "--headless", "-u", "150", "-r", "1000", "-i", "1", "-H",
      target.url(),      "Counting"};
  std::vector<std::string> raised = {"/usr/bin/prlimit", "--nofile=100:400"};
  raised.insert(raised.end(), run.begin(), run.end());
  child_process fits(raised);
  ASSERT_EQ(fits.wait(std::chrono::seconds(30)), 0) << fits.stderr_text();
  EXPECT_EQ(fits.stderr_text().find("open files"), std::string::npos) << fits.stderr_text();

  std::vector<std::string> capped = {"/usr/bin/prlimit", "--nofile=100:100"};
  capped.insert(capped.end(), run.begin(), run.end());
  child_process too_many(capped);
  too_many.wait(std::chrono::seconds(30));
  EXPECT_NE(too_many.stderr_text().find(
                "150 users need about 214 open files, but this process may open only 100 (ulimit -n)"),
            std::string::npos)
      << too_many.stderr_text();
}

TEST(HostCli, SigintStopsUsersAndWritesTheSummary) {
  demo_target target;
  auto dir = make_temp_dir("locustpp-sigint");
  std::string prefix = (dir / "run").string();
  child_process run({locustpp_binary(), "-f", test_plugin("scenarios"), "--headless", "-u", "3", "-r", "100", "-H",
                     target.url(), "--csv", prefix, "--only-summary", "Counting"});
  ASSERT_TRUE(wait_for_csv_requests(prefix, std::chrono::seconds(15))) << run.stderr_text();
  run.signal(SIGINT);
  auto code = run.wait(std::chrono::seconds(15));
  ASSERT_TRUE(code.has_value()) << "locustpp did not stop after SIGINT";
  EXPECT_EQ(*code, 0) << run.stderr_text();
  EXPECT_NE(run.stderr_text().find("Aggregated"), std::string::npos) << "the summary, on stderr as Locust's";
  auto aggregated = csv_row(read_file(prefix + "_stats.csv"), ",Aggregated,");
  ASSERT_GE(aggregated.size(), 3u);
  EXPECT_GT(std::stoull(aggregated[2]), 0u);
}

// Locust's exit codes for bad input: 2 for what was typed on the command
// line (argparse), 1 for configuration (files, variables, class names).
TEST(HostCli, UnknownOptionSuggestsTheClosestName) {
  run_result result = run_locustpp({"-f", test_plugin("scenarios"), "--user", "5"});
  EXPECT_EQ(result.exit_code, 2);
  EXPECT_NE(result.err.find("Did you mean '--users'?"), std::string::npos) << result.err;
  auto dir = make_temp_dir("locustpp-typo");
  std::ofstream(dir / "locust.conf") << "user = 5\n";
  run_result in_file = run_locustpp({"-f", test_plugin("scenarios"), "--headless"}, 20, {}, dir.string());
  EXPECT_EQ(in_file.exit_code, 1);
  EXPECT_NE(in_file.err.find("unknown option 'user'. Did you mean 'users'?"), std::string::npos) << in_file.err;
}

TEST(HostCli, BadTimespanAndUnknownClassExitCodes) {
  run_result timespan = run_locustpp({"-f", test_plugin("scenarios"), "--headless", "-t", "3x"});
  EXPECT_EQ(timespan.exit_code, 2);
  EXPECT_NE(timespan.err.find("3x"), std::string::npos) << timespan.err;
  run_result from_env = run_locustpp({"-f", test_plugin("scenarios"), "--headless"}, 20, {{"LOCUST_RUN_TIME", "3x"}});
  EXPECT_EQ(from_env.exit_code, 1);
  EXPECT_NE(from_env.err.find("from environment variable LOCUST_RUN_TIME"), std::string::npos) << from_env.err;
  run_result unknown = run_locustpp({"NoSuchClass", "-f", test_plugin("scenarios"), "--headless", "-t", "1s"});
  EXPECT_EQ(unknown.exit_code, 1);
  EXPECT_NE(unknown.err.find("unknown user class 'NoSuchClass'"), std::string::npos) << unknown.err;
}

TEST(HostCli, ListShowsModulesClassesAndTasks) {
  run_result result = run_locustpp({"-f", test_plugin("behaviours"), "--list"});
  EXPECT_EQ(result.exit_code, 0);
  EXPECT_EQ(result.out.rfind("Available Users:\n    Shopper\n    Quitter\n", 0), 0u) << "Locust's lines first\n"
                                                                                     << result.out;
  EXPECT_NE(result.out.find("io.locustpp.tests.behaviours 1.0.0"), std::string::npos) << result.out;
  EXPECT_NE(result.out.find("Shopper"), std::string::npos);
  EXPECT_NE(result.out.find("- browse (weight 2, 50%)"), std::string::npos) << result.out;
  EXPECT_NE(result.out.find("fixed_count 2"), std::string::npos) << result.out;
}

TEST(HostCli, VersionAndHelp) {
  run_result version = run_locustpp({"--version"});
  EXPECT_EQ(version.exit_code, 0);
  EXPECT_NE(version.out.find("locustpp 0.1.0"), std::string::npos);
  run_result help = run_locustpp({"--help"});
  EXPECT_EQ(help.exit_code, 0);
  EXPECT_NE(help.out.find("--spawn-rate"), std::string::npos);
  EXPECT_NE(help.out.find("--locustfile"), std::string::npos);
}

TEST(HostCli, LocustEnvironmentVariablesAndConfigFileApply) {
  demo_target target;
  auto dir = make_temp_dir("locustpp-conf");
  std::ofstream(dir / "locust.conf") << "headless = true\nusers = 3\nrun-time = 1s\nonly-summary = true\n";
  run_result result = run_locustpp({"-f", test_plugin("behaviours"), "-r", "100", "-s", "5", "Shopper"}, 60,
                                   {{"LOCUST_HOST", target.url()}, {"LOCUST_USERS", "2"}}, dir.string());
  ASSERT_EQ(result.exit_code, 0) << result.err;
  EXPECT_EQ(result.of("GET", "user-start").requests, 2u) << "the environment beats the config file";
}

TEST(HostCli, HttpsWithSelfSignedCertificate) {
  tls_certificate certificate = make_self_signed_certificate();
  const std::string& cert = certificate.cert_file;
  demo_target target({"--tls-cert", cert, "--tls-key", certificate.key_file});
  ASSERT_EQ(target.url().rfind("https://", 0), 0u) << target.url();
  std::vector<std::string> base{
      "-f",         test_plugin("scenarios"), "--headless", "-u", "2", "-r", "100", "-t", "1s", "-s", "5", "-H",
      target.url(), "--only-summary"};
  auto with = [&](std::vector<std::string> extra) {
    std::vector<std::string> args{"Counting"};
    args.insert(args.end(), base.begin(), base.end());
    args.insert(args.end(), extra.begin(), extra.end());
    return run_locustpp(args);
  };
  run_result verified = with({"--ca-file", cert});
  EXPECT_EQ(verified.exit_code, 0) << verified.out << verified.err;
  EXPECT_GT(verified.total_requests(), 0u);
  EXPECT_EQ(verified.total_failures(), 0u);
  run_result insecure = with({"--insecure"});
  EXPECT_EQ(insecure.exit_code, 0);
  EXPECT_EQ(insecure.total_failures(), 0u);
  run_result untrusted = with({});
  EXPECT_EQ(untrusted.exit_code, 1);
  EXPECT_GT(untrusted.total_failures(), 0u);
  EXPECT_NE(untrusted.err.find("SSLError"), std::string::npos) << untrusted.err;
}

// A report file that cannot be written is refused before the test starts,
// naming the file and the operating system's reason.
TEST(HostCli, UnwritableOutputFilesAreRefusedBeforeTheTest) {
  demo_target target;
  auto dir = make_temp_dir("locustpp-unwritable");
  std::string not_a_folder = (dir / "file").string();
  std::ofstream(not_a_folder) << "a file, not a folder";
  std::vector<std::string> base{
      "-f", test_plugin("scenarios"), "--headless", "-u", "1", "-t", "30s", "-H", target.url(), "Counting"};
  auto with = [&](std::vector<std::string> extra) {
    std::vector<std::string> args = base;
    args.insert(args.end(), extra.begin(), extra.end());
    return run_locustpp(args, 20);
  };
  run_result csv = with({"--csv", not_a_folder + "/run"});
  EXPECT_EQ(csv.exit_code, 1);
  EXPECT_NE(csv.err.find("cannot write " + not_a_folder + "/run_stats.csv: Not a directory"), std::string::npos)
      << csv.err;
  EXPECT_EQ(csv.err.find("Ramping"), std::string::npos) << "the test never started";
  child_process json({locustpp_binary(), "-f", test_plugin("scenarios"), "--headless", "-u", "1", "-t", "30s", "-H",
                      target.url(), "--json-file", not_a_folder + "/stats", "Counting"});
  EXPECT_EQ(json.wait(std::chrono::seconds(20)), 1);
  EXPECT_NE(json.stderr_text().find("cannot write " + not_a_folder + "/stats.json: Not a directory"), std::string::npos)
      << json.stderr_text();
}

// A write that fails at the end is not a passing run: the reason is logged
// and the exit code is not 0.
TEST(HostCli, OutputsLostAtTheEndGiveANonZeroExitCode) {
  demo_target target;
  auto dir = make_temp_dir("locustpp-vanishing");
  std::string prefix = (dir / "out" / "run").string();
  child_process run({locustpp_binary(), "-f", test_plugin("scenarios"), "--headless", "-u", "1", "-r", "10", "-t", "3s",
                     "-H", target.url(), "--csv", prefix, "--only-summary", "Counting"});
  ASSERT_TRUE(run.wait_for_stderr("All users spawned", std::chrono::seconds(10))) << run.stderr_text();
  std::filesystem::remove_all(dir / "out");
  auto code = run.wait(std::chrono::seconds(20));
  ASSERT_TRUE(code.has_value());
  EXPECT_EQ(*code, 2);
  EXPECT_NE(run.stderr_text().find("cannot write " + prefix + "_stats.csv: No such file or directory"),
            std::string::npos)
      << run.stderr_text();
}

}  // namespace
}  // namespace locustpp::testing
