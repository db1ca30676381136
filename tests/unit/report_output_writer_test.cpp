// The output writer: files go to disk off the caller's thread, a newer
// content replaces the one still waiting, rows appended keep their order,
// and a shortage of file descriptors is waited out instead of losing files.
#include <fcntl.h>
#include <gtest/gtest.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <thread>
#include <vector>

#include "report/output_writer.hpp"

namespace locustpp::report {
namespace {

namespace fs = std::filesystem;
using namespace std::chrono_literals;

std::string read_file(const fs::path& path) {
  std::ifstream file(path, std::ios::binary);
  std::stringstream content;
  content << file.rdbuf();
  return content.str();
}

// What a disk that answers again does: reads the FIFO until its writer closes it.
void read_until_closed(const fs::path& fifo) {
  int fd = ::open(fifo.c_str(), O_RDONLY);
  char buffer[64];
  while (::read(fd, buffer, sizeof buffer) > 0) {
  }
  ::close(fd);
}

class OutputWriter : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("output-writer-" + std::to_string(::getpid()));
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }
  fs::path dir_;
};

TEST_F(OutputWriter, FilesAreWholeAndRowsKeepTheirOrder) {
  output_writer writer;
  writer.replace((dir_ / "a.csv").string(), "first");
  writer.replace((dir_ / "a.csv").string(), "second");
  writer.replace((dir_ / "h.csv").string(), "header\n");
  for (int row = 0; row < 100; ++row) writer.append((dir_ / "h.csv").string(), std::to_string(row) + "\n");
  ASSERT_TRUE(writer.flush(10s));
  EXPECT_EQ(read_file(dir_ / "a.csv"), "second");
  std::string expected = "header\n";
  for (int row = 0; row < 100; ++row) expected += std::to_string(row) + "\n";
  EXPECT_EQ(read_file(dir_ / "h.csv"), expected);
  EXPECT_FALSE(fs::exists(dir_ / "a.csv.tmp"));
  writer.replace((dir_ / "h.csv").string(), "new header\n");
  writer.append((dir_ / "h.csv").string(), "row\n");
  ASSERT_TRUE(writer.flush(10s));
  EXPECT_EQ(read_file(dir_ / "h.csv"), "new header\nrow\n") << "rows go to the file that replaced the old one";
}

TEST_F(OutputWriter, AFileThatCannotBeWrittenIsReportedByFlush) {
  output_writer writer;
  writer.replace((dir_ / "missing-folder" / "a.csv").string(), "x");
  EXPECT_FALSE(writer.flush(10s));
  writer.replace((dir_ / "b.csv").string(), "x");
  EXPECT_TRUE(writer.flush(10s)) << "each flush says what happened since the last one";
}

TEST_F(OutputWriter, ADiskThatDoesNotAnswerNeverHoldsTheCaller) {
  output_writer writer;
  fs::path stuck = dir_ / "stuck.csv.tmp";
  ASSERT_EQ(::mkfifo(stuck.c_str(), 0644), 0);  // opening it for writing blocks until a reader comes
  writer.replace((dir_ / "stuck.csv").string(), "whole");
  auto before = std::chrono::steady_clock::now();
  for (int i = 0; i < 1000; ++i) writer.replace((dir_ / "other.csv").string(), "snapshot " + std::to_string(i));
  EXPECT_LT(std::chrono::steady_clock::now() - before, 1s) << "handing over never waits for the disk";
  EXPECT_FALSE(writer.flush(300ms));
  std::thread reader(read_until_closed, stuck);
  EXPECT_TRUE(writer.flush(10s));
  reader.join();
  EXPECT_EQ(read_file(dir_ / "other.csv"), "snapshot 999") << "only the newest snapshot is written";
}

TEST_F(OutputWriter, ANewerFileWaitingBehindRowsOfTheOlderOneKeepsItsPlace) {
  output_writer writer;
  fs::path stuck = dir_ / "stuck.csv.tmp";
  ASSERT_EQ(::mkfifo(stuck.c_str(), 0644), 0);
  writer.replace((dir_ / "stuck.csv").string(), "x");  // holds the writer until the FIFO is read
  const std::string history = (dir_ / "history.csv").string();
  writer.replace(history, "old header\n");
  writer.append(history, "old row\n");
  writer.replace(history, "new header\n");  // must not jump ahead of the old row
  writer.append(history, "new row\n");
  std::thread reader(read_until_closed, stuck);
  EXPECT_TRUE(writer.flush(10s));
  reader.join();
  EXPECT_EQ(read_file(dir_ / "history.csv"), "new header\nnew row\n");
}

// Takes every file descriptor the process may still open (under a lowered
// limit), and gives them back when it goes.
class descriptor_shortage {
 public:
  descriptor_shortage() {
    ::getrlimit(RLIMIT_NOFILE, &limit_);
    rlimit lowered = limit_;
    lowered.rlim_cur = 64;
    ::setrlimit(RLIMIT_NOFILE, &lowered);
    for (int fd; (fd = ::open("/dev/null", O_RDONLY)) >= 0;) taken_.push_back(fd);
  }
  ~descriptor_shortage() { end(); }
  void end() {
    for (int fd : taken_) ::close(fd);
    taken_.clear();
    ::setrlimit(RLIMIT_NOFILE, &limit_);
  }

 private:
  rlimit limit_{};
  std::vector<int> taken_;
};

TEST_F(OutputWriter, ItsReserveDescriptorLetsFilesThroughWhileDescriptorsAreShort) {
  output_writer writer;
  writer.replace((dir_ / "history.csv").string(), "header\n");
  writer.append((dir_ / "history.csv").string(), "row 1\n");  // opens the file it keeps
  ASSERT_TRUE(writer.flush(10s));
  descriptor_shortage shortage;
  writer.replace((dir_ / "a.csv").string(), "a");
  writer.replace((dir_ / "b.csv").string(), "b");
  writer.append((dir_ / "history.csv").string(), "row 2\n");
  bool written = writer.flush(10s);
  shortage.end();
  EXPECT_TRUE(written);
  EXPECT_EQ(read_file(dir_ / "a.csv") + read_file(dir_ / "b.csv"), "ab");
  EXPECT_EQ(read_file(dir_ / "history.csv"), "header\nrow 1\nrow 2\n");
}

TEST_F(OutputWriter, WithNoDescriptorAtAllFilesWaitUntilSomeAreFree) {
#if defined(__SANITIZE_ADDRESS__) || defined(__SANITIZE_THREAD__)
  // The sanitizers' own checks open descriptors (a pipe to probe memory):
  // with none left they report errors of their own.
  GTEST_SKIP() << "needs a process without a sanitizer runtime";
#endif
  descriptor_shortage shortage;
  output_writer writer;  // not even its reserve descriptor could be opened
  writer.replace((dir_ / "a.csv").string(), "a");
  bool written_while_short = writer.flush(300ms);
  shortage.end();
  EXPECT_FALSE(written_while_short);
  EXPECT_TRUE(writer.flush(10s)) << "written once descriptors are free again";
  EXPECT_EQ(read_file(dir_ / "a.csv"), "a");
}

}  // namespace
}  // namespace locustpp::report
