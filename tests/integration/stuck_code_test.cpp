// Plugin code that never yields (a loop without co_await) blocks its worker
// thread. The run must go on around it: statistics from the other threads
// keep flowing, a watchdog names the culprit, and -t, SIGINT and SIGTERM
// still end the run within the stop timeout plus a bounded grace, with
// every output written and exit code 2.
#include <gtest/gtest.h>

#include <signal.h>

#include <chrono>
#include <cstdlib>
#include <sstream>
#include <thread>

#include "child_process.hpp"
#include "demo_target.hpp"
#include "locustpp_run.hpp"
#include "output_text.hpp"
#include "test_paths.hpp"

namespace locustpp::testing {
namespace {

using std::chrono::seconds;
using steady = std::chrono::steady_clock;

std::string locustpp_binary() {
  return std::string(bin_dir) + "/locustpp";
}

std::vector<std::string> stuck_args(const demo_target& target, const std::string& csv_prefix,
                                    std::vector<std::string> extra) {
  std::vector<std::string> args{
      locustpp_binary(), "-f",    test_plugin("stuck"), "--headless",    "-r", "100", "--threads", "2", "-H",
      target.url(),      "--csv", csv_prefix,           "--only-summary"};
  args.insert(args.end(), extra.begin(), extra.end());
  return args;
}

// Aggregated request counts of every row of _stats_history.csv, in order.
std::vector<std::uint64_t> aggregated_history(const std::string& csv_prefix) {
  std::vector<std::uint64_t> counts;
  for (const auto& line : lines_of(read_file(csv_prefix + "_stats_history.csv"))) {
    if (line.find(",Aggregated,") == std::string::npos) continue;
    std::vector<std::string> cells;
    std::istringstream row(line);
    std::string cell;
    while (std::getline(row, cell, ',')) cells.push_back(cell);
    if (cells.size() > 17) counts.push_back(std::stoull(cells[17]));  // "Total Request Count"
  }
  return counts;
}

TEST(StuckCode, ASpinningTaskFreezesNeitherTheStatisticsNorTheEnd) {
  demo_target target;
  std::string prefix = (make_temp_dir("locustpp-stuck") / "run").string();
  auto started = steady::now();
  child_process run(stuck_args(target, prefix, {"-u", "3", "-t", "5s", "Spinner", "Healthy"}));
  auto code = run.wait(seconds(30));
  auto took = steady::now() - started;
  std::string err = run.stderr_text();
  ASSERT_TRUE(code.has_value()) << "locustpp hung\n" << err;
  EXPECT_EQ(*code, 2) << err;
  EXPECT_LT(took, seconds(5 + 5)) << "-t 5s, stop timeout 0, and a bounded grace";
  EXPECT_TRUE(contains(err, "Spinner.spin has not yielded for")) << err;
  EXPECT_TRUE(contains(err, "Spinner.spin has not yielded for")) << err;
  EXPECT_TRUE(contains(err, " s (worker thread 0) in module dev.locustpp.tests.stuck")) << err;
  EXPECT_TRUE(contains(err, "exiting without its")) << err;
  // The healthy thread's statistics kept flowing: the history grew every
  // second of the test. The -t stop kills the healthy users too, so the
  // row of the second after it and the final row may repeat the last count.
  std::vector<std::uint64_t> history = aggregated_history(prefix);
  ASSERT_GE(history.size(), 5u) << read_file(prefix + "_stats_history.csv");
  for (std::size_t i = 1; i + 2 < history.size(); ++i) EXPECT_GT(history[i], history[i - 1]) << "row " << i;
  EXPECT_GT(csv_aggregated_requests(prefix), 100u);
}

TEST(StuckCode, SigtermEndsARunWhoseTaskNeverYields) {
  demo_target target;
  std::string prefix = (make_temp_dir("locustpp-stuck") / "run").string();
  child_process run(stuck_args(target, prefix, {"-u", "2", "Spinner", "Healthy"}));
  ASSERT_TRUE(run.wait_for_stderr("has not yielded", seconds(20))) << run.stderr_text();
  auto signalled = steady::now();
  run.signal(SIGTERM);
  auto code = run.wait(seconds(20));
  ASSERT_TRUE(code.has_value()) << "SIGTERM did not end the run\n" << run.stderr_text();
  EXPECT_LT(steady::now() - signalled, seconds(5));
  EXPECT_EQ(*code, 2);
  EXPECT_GT(csv_aggregated_requests(prefix), 0u) << "the final CSV files were written";
}

// Plugin code holding the control thread (a listener that never returns)
// cannot make the process deaf: the signal still ends it after the grace,
// naming the code, with the signal's own exit status.
TEST(StuckCode, SigtermEndsAProcessWhoseControlThreadIsHeldByPluginCode) {
  demo_target target;
  child_process run({std::string(bin_dir) + "/locustpp", "-f", test_plugin("stuck_listener"), "--headless", "-u", "1",
                     "-t", "60s", "-H", target.url()},
                    {{"LOCUSTPP_SIGNAL_GRACE_SECONDS", "2"}});
  ASSERT_TRUE(run.wait_for_stdout("test_start listener spins", seconds(20))) << run.stderr_text();
  auto signalled = steady::now();
  run.signal(SIGTERM);
  auto code = run.wait(seconds(20));
  ASSERT_TRUE(code.has_value()) << "SIGTERM did not end the process\n" << run.stderr_text();
  EXPECT_LT(steady::now() - signalled, seconds(5));
  EXPECT_EQ(*code, 128 + SIGTERM);
  EXPECT_NE(run.stderr_text().find("The control thread did not answer signal 15 within 2 s (it runs plugin code: "
                                   "module dev.locustpp.tests.stuck_listener, test_start listener)"),
            std::string::npos)
      << run.stderr_text();
}

TEST(StuckCode, AnOnStopThatNeverYieldsIsLeftBehind) {
  demo_target target;
  std::string prefix = (make_temp_dir("locustpp-stuck") / "run").string();
  auto started = steady::now();
  child_process run(stuck_args(target, prefix, {"-u", "1", "-t", "1s", "SpinOnStop"}));
  auto code = run.wait(seconds(30));
  ASSERT_TRUE(code.has_value()) << run.stderr_text();
  EXPECT_EQ(*code, 2);
  EXPECT_LT(steady::now() - started, seconds(1 + 6));
  EXPECT_TRUE(contains(run.stderr_text(), "SpinOnStop.on_stop has not yielded for")) << run.stderr_text();
  EXPECT_GT(csv_aggregated_requests(prefix), 0u);
}

// An on_stop that waits politely may take its time (up to a grace period);
// a second signal ends the wait at once, outputs still written.
TEST(StuckCode, ASecondSignalStopsWaitingForOnStop) {
  demo_target target;
  std::string prefix = (make_temp_dir("locustpp-stuck") / "run").string();
  child_process run(stuck_args(target, prefix, {"-u", "2", "SlowOnStop"}));
  ASSERT_TRUE(wait_for_csv_requests(prefix, seconds(20))) << run.stderr_text();
  run.signal(SIGINT);
  ASSERT_TRUE(run.wait_for_stderr("stopping the test", seconds(10))) << run.stderr_text();
  EXPECT_TRUE(run.still_running_after(std::chrono::milliseconds(1500))) << "on_stop sleeps for 60 s";
  run.signal(SIGINT);
  auto code = run.wait(seconds(10));
  ASSERT_TRUE(code.has_value()) << "the second SIGINT did not end the wait\n" << run.stderr_text();
  EXPECT_EQ(*code, 0) << run.stderr_text();
  EXPECT_TRUE(contains(run.stderr_text(), "not waiting for 2 users any longer")) << run.stderr_text();
  EXPECT_GT(csv_aggregated_requests(prefix), 0u);
}

// `locustpp ... | head -c 1`: stdout closes early; the run goes on and its
// files are written.
TEST(StuckCode, AClosedStdoutDoesNotEndTheRun) {
  demo_target target;
  auto dir = make_temp_dir("locustpp-sigpipe");
  std::string prefix = (dir / "run").string();
  std::string status_file = (dir / "status").string();
  std::string command = locustpp_binary() + " -f " + test_plugin("stuck") + " --headless -u 2 -r 100 -t 3s -H " +
                        target.url() + " --csv " + prefix + " Healthy 2>/dev/null | head -c 1 >/dev/null; echo " +
                        "${PIPESTATUS[0]} > " + status_file;
  child_process shell({"/bin/bash", "-c", command});
  ASSERT_EQ(shell.wait(seconds(30)), 0);
  EXPECT_EQ(read_file(status_file), "0\n") << "141 would be death by SIGPIPE";
  EXPECT_GT(csv_aggregated_requests(prefix), 100u);
}

}  // namespace
}  // namespace locustpp::testing
