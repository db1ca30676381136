// Output files and a disk that does not answer: the writer thread owns the
// files, so a stuck write neither stretches -t nor loses history rows, and
// the run still ends with every file written once the disk answers again.
#include <fcntl.h>
#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>
#include <regex>
#include <thread>

#include "child_process.hpp"
#include "demo_target.hpp"
#include "locustpp_run.hpp"
#include "output_text.hpp"
#include "test_paths.hpp"

namespace locustpp::testing {
namespace {

namespace fs = std::filesystem;
using namespace std::chrono_literals;

// Seconds since midnight of the first log line containing `text` ("[date hh:mm:ss,mmm] ...").
double logged_at(const std::string& log, const std::string& text) {
  std::size_t at = log.find(text);
  if (at == std::string::npos) return -1;
  std::size_t line = log.rfind('\n', at);
  line = line == std::string::npos ? 0 : line + 1;
  std::smatch found;
  std::string head = log.substr(line, 40);
  if (!std::regex_search(head, found, std::regex("(\\d\\d):(\\d\\d):(\\d\\d),(\\d\\d\\d)"))) return -1;
  return std::stoi(found[1]) * 3600 + std::stoi(found[2]) * 60 + std::stoi(found[3]) + std::stoi(found[4]) / 1000.0;
}

TEST(OutputFiles, AStuckDiskNeitherStretchesTheRunNorLosesHistoryRows) {
  demo_target target;
  fs::path dir = make_temp_dir("stuck-disk");
  child_process run({std::string(bin_dir) + "/locustpp", "-f", test_plugin("cluster"), "--headless", "-u", "1", "-r",
                     "1", "-t", "4s", "-H", target.url(), "--only-summary", "--csv", (dir / "out").string()});
  ASSERT_TRUE(run.wait_for_stderr("Run time limit set", 20s)) << run.stderr_text();
  // The next snapshot of the stats file is written through this path: a
  // FIFO nobody reads blocks the writer as a dead disk would.
  fs::path stuck = dir / "out_stats.csv.tmp";
  ASSERT_EQ(::mkfifo(stuck.c_str(), 0644), 0);
  ASSERT_TRUE(run.wait_for_stderr("--run-time limit reached", 20s)) << run.stderr_text();
  std::string log = run.stderr_text();
  double took = logged_at(log, "--run-time limit reached") - logged_at(log, "Run time limit set");
  EXPECT_GT(took, 3.9);
  EXPECT_LT(took, 4.4) << "-t 4s is 4 s, whatever the disk does";
  EXPECT_TRUE(run.still_running_after(1s)) << "the run waits for its files";

  // The disk answers again: one read of the FIFO takes what was written.
  std::thread reader([&] {
    int fd = ::open(stuck.c_str(), O_RDONLY);
    char buffer[65536];
    while (::read(fd, buffer, sizeof buffer) > 0) {
    }
    ::close(fd);
  });
  EXPECT_EQ(run.wait(60s), 0) << run.stderr_text();
  reader.join();
  std::string history = read_file(dir / "out_stats_history.csv");
  EXPECT_GE(lines_of(history).size(), 1u + 4u) << "a row every second, none dropped:\n" << history;
  EXPECT_NE(read_file(dir / "out_stats.csv").find("Aggregated"), std::string::npos);
}

}  // namespace
}  // namespace locustpp::testing
