// CSV output: Locust's exact headers, row values, quoting, N/A, history rows, files on disk.
#include "report/csv_files.hpp"

#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "stats/clock.hpp"
#include "stats/stats_shard.hpp"

namespace locustpp::report {
namespace {

constexpr std::uint64_t us = 1'000;  // ns per microsecond

// Splits on "\r\n" (the row terminator); a quoted field may still hold a bare "\n".
std::vector<std::string> rows_of(const std::string& text) {
  std::vector<std::string> rows;
  std::size_t start = 0;
  for (std::size_t end; (end = text.find("\r\n", start)) != std::string::npos; start = end + 2) {
    rows.push_back(text.substr(start, end - start));
  }
  EXPECT_EQ(start, text.size()) << "text does not end with a full row";
  return rows;
}

std::string read_file(const std::filesystem::path& path) {
  std::ifstream file(path, std::ios::binary);
  std::ostringstream content;
  content << file.rdbuf();
  return content.str();
}

// Run started at 1000 s; the last request completes at 1004.5 s (a 4.5 s span).
stats::stats_registry known_registry() {
  stats::stats_registry registry(1000.0);
  stats::stats_shard shard;
  shard.record({"GET", "/items", 10'000 * us, 100, 1001.0, {}});
  shard.record({"GET", "/items", 30'000 * us, 300, 1001.5, "HTTPError('500 Server Error')"});
  shard.record({"POST", "/login, \"admin\"", 4'500 * us, 0, 1004.4955, {}});
  shard.record_exception("ValueError: bad, really", "Traceback:\n  line \"1\"");
  registry.merge(shard);
  return registry;
}

const std::string stats_header =
    "Type,Name,Request Count,Failure Count,Median Response Time,Average Response Time,Min Response Time,"
    "Max Response Time,Average Content Size,Requests/s,Failures/s,50%,66%,75%,80%,90%,95%,98%,99%,99.9%,"
    "99.99%,100%";
const std::string history_header =
    "Timestamp,User Count,Type,Name,Requests/s,Failures/s,50%,66%,75%,80%,90%,95%,98%,99%,99.9%,99.99%,100%,"
    "Total Request Count,Total Failure Count,Total Median Response Time,Total Average Response Time,"
    "Total Min Response Time,Total Max Response Time,Total Average Content Size";

// Locust's numbers (the default): the median and percentiles rounded to
// Locust's buckets as integers, the rest as Python prints floats.
TEST(StatsCsv, HeaderAndRowsAsLocustWritesThem) {
  const auto rows = rows_of(stats_csv(known_registry()));
  ASSERT_EQ(rows.size(), 4u);
  EXPECT_EQ(rows[0], stats_header);
  // /items: median = rank 1 = the min, 10; 66% and up = rank 2 = the max, 30.
  // Requests/s = 2 / 4.5 s.
  EXPECT_EQ(rows[1],
            "GET,/items,2,1,10,20.0,10.0,30.0,200.0,0.4444444444444444,0.2222222222222222,"
            "10,30,30,30,30,30,30,30,30,30,30");
  // /login: 4.5 ms rounds (half to even) to the bucket 4, below the min:
  // the median is the min, a float, as Locust clamps it; percentiles stay 4.
  EXPECT_EQ(rows[2],
            "POST,\"/login, \"\"admin\"\"\",1,0,4.5,4.5,4.5,4.5,0.0,0.2222222222222222,0.0,"
            "4,4,4,4,4,4,4,4,4,4,4");
  // Aggregated: Type empty; rank 2 of {4.5, 10, 30} is 10 ms (exact to 0.8%), bucket 10.
  EXPECT_EQ(rows[3],
            ",Aggregated,3,1,10,14.833333333333334,4.5,30.0,133.33333333333334,0.6666666666666666,"
            "0.2222222222222222,10,10,30,30,30,30,30,30,30,30,30");
}

// --csv-exact: our exact values, ms with up to 3 decimals.
TEST(StatsCsv, ExactNumbersOnRequest) {
  const auto rows = rows_of(stats_csv(known_registry(), csv_numbers::exact));
  ASSERT_EQ(rows.size(), 4u);
  EXPECT_EQ(rows[1], "GET,/items,2,1,10,20,10,30,200,0.444444,0.222222,10,30,30,30,30,30,30,30,30,30,30");
  EXPECT_EQ(rows[2],
            "POST,\"/login, \"\"admin\"\"\",1,0,4.5,4.5,4.5,4.5,0,0.222222,0,"
            "4.5,4.5,4.5,4.5,4.5,4.5,4.5,4.5,4.5,4.5,4.5");
  // Median and 66%: rank 2 of {4.5, 10, 30} is 10 ms, shown as its bucket's
  // midpoint 10.027008 ms (within 0.8%); 75% and up: rank 3 = the exact max.
  EXPECT_EQ(rows[3],
            ",Aggregated,3,1,10.027,14.833,4.5,30,133.333,0.666667,0.222222,"
            "10.027,10.027,30,30,30,30,30,30,30,30,30");
}

TEST(StatsCsv, EmptyRegistryHasNotApplicablePercentiles) {
  const auto rows = rows_of(stats_csv(stats::stats_registry(1000.0)));
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(rows[0], stats_header);
  // As Locust before the first request: int 0s, float rates and average.
  EXPECT_EQ(rows[1], ",Aggregated,0,0,0,0.0,0,0,0,0.0,0.0,N/A,N/A,N/A,N/A,N/A,N/A,N/A,N/A,N/A,N/A,N/A");
}

TEST(FailuresCsv, HeaderAndUtcTimes) {
  const auto rows = rows_of(failures_csv(known_registry()));
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(rows[0], "Method,Name,Error,Occurrences,First Seen,Last Seen");
  // Seen when the request completed: 1001.53 s after the epoch.
  EXPECT_EQ(rows[1], "GET,/items,HTTPError('500 Server Error'),1,1970-01-01T00:16:41Z,1970-01-01T00:16:41Z");
}

TEST(ExceptionsCsv, QuotesMultilineTracebacks) {
  const std::string text = exceptions_csv(known_registry());
  EXPECT_EQ(text,
            "Count,Message,Traceback,Nodes\r\n"
            "1,\"ValueError: bad, really\",\"Traceback:\n  line \"\"1\"\"\",local\r\n");
}

// Python's csv module reads these back from a file opened with
// encoding="utf-8" (strict): invalid bytes are U+FFFD, NUL is gone, CR and LF
// stay inside quotes (the integration test HostileText reads real files so).
TEST(FailuresCsv, TextFromTargetsAndPluginsIsValidUtf8WithoutNul) {
  stats::stats_registry registry(1000.0);
  stats::stats_shard shard;
  using namespace std::string_literals;  // the literals hold NUL
  const std::string name = "/a,\"b\"\0"s;
  const std::string error = "BadStatusLine('\xFF \x80 \xE2\x82')\r\n\0end"s;
  shard.record({"GET", name, us, 0, 1001.0, error});
  registry.merge(shard);
  const std::string fffd = "\xEF\xBF\xBD";
  EXPECT_EQ(failures_csv(registry),
            "Method,Name,Error,Occurrences,First Seen,Last Seen\r\n"
            "GET,\"/a,\"\"b\"\"\",\"BadStatusLine('" +
                fffd + " " + fffd + " " + fffd + "')\r\nend\",1,1970-01-01T00:16:41Z,1970-01-01T00:16:41Z\r\n");
}

TEST(StatsHistoryCsv, AggregatedOnlyWithoutFullHistory) {
  EXPECT_EQ(rows_of(stats_history_csv_header()), std::vector<std::string>{history_header});
  // now 1008.7: current rps window 1000..1005 (6 s) holds 3 completions.
  const auto rows = rows_of(stats_history_csv_rows(known_registry(), 1008.7, 25, false));
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0],
            "1008,25,,Aggregated,0.500000,0.166667,10,10,30,30,30,30,30,30,30,30,30,"
            "3,1,10,14.833333333333334,4.5,30.0,133.33333333333334");
  const auto exact = rows_of(stats_history_csv_rows(known_registry(), 1008.7, 25, false, csv_numbers::exact));
  EXPECT_EQ(exact[0],
            "1008,25,,Aggregated,0.500000,0.166667,10.027,10.027,30,30,30,30,30,30,30,30,30,"
            "3,1,10.027,14.833,4.5,30,133.333");
}

// The current percentiles come from the requests merged in the last 10 s;
// the cumulative columns stay cumulative.
TEST(StatsHistoryCsv, FullHistoryPercentilesAreTheLastTenSeconds) {
  stats::stats_registry registry(1000.0);
  registry.keep_recent_window(true);
  stats::stats_shard shard;
  const double now = stats::epoch_seconds_now();
  shard.record({"GET", "/items", 50'000 * us, 100, now - 0.1, {}});
  registry.merge(shard);
  const auto rows = rows_of(stats_history_csv_rows(registry, stats::epoch_seconds_now(), 1, true));
  ASSERT_EQ(rows.size(), 2u);
  const std::string& row = rows[0];
  EXPECT_NE(row.find(",GET,/items,"), std::string::npos) << row;
  EXPECT_NE(row.find(",50,50,50,50,50,50,50,50,50,50,50,1,0,50,"), std::string::npos) << row;
}

// Locust's first history row, before any request: ints where it writes ints.
TEST(StatsHistoryCsv, BeforeAnyRequestAsLocust) {
  const auto rows = rows_of(stats_history_csv_rows(stats::stats_registry(1000.0), 1000.2, 0, false));
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0],
            "1000,0,,Aggregated,0.000000,0.000000,N/A,N/A,N/A,N/A,N/A,N/A,N/A,N/A,N/A,N/A,N/A,"
            "0,0,0,0.0,0,0,0");
}

// With --csv-full-history the percentiles are Locust's current ones, over
// the last 10 s of merged requests: none here, 8 s after the last merge.
TEST(StatsHistoryCsv, EveryEntryWithFullHistory) {
  stats::stats_registry registry = known_registry();
  registry.keep_recent_window(true);
  const auto rows = rows_of(stats_history_csv_rows(registry, 1008.7, 25, true));
  ASSERT_EQ(rows.size(), 3u);
  EXPECT_EQ(rows[0],
            "1008,25,GET,/items,0.333333,0.166667,N/A,N/A,N/A,N/A,N/A,N/A,N/A,N/A,N/A,N/A,N/A,2,1,10,20.0,10.0,30.0,"
            "200.0");
  EXPECT_EQ(rows[1].substr(0, 41), "1008,25,POST,\"/login, \"\"admin\"\"\",0.166667");
  EXPECT_EQ(rows[2].substr(0, 20), "1008,25,,Aggregated,");
}

class CsvFilesOnDisk : public ::testing::Test {
 protected:
  void SetUp() override {
    std::string pattern = (std::filesystem::temp_directory_path() / "lpp_csv_test_XXXXXX").string();
    ASSERT_NE(mkdtemp(pattern.data()), nullptr);
    directory_ = pattern;
  }
  void TearDown() override { std::filesystem::remove_all(directory_); }

  std::filesystem::path directory_;
};

TEST_F(CsvFilesOnDisk, WritesAllFourFilesAndAppendsHistory) {
  const std::filesystem::path prefix = directory_ / "nested" / "dir" / "run";
  output_writer writer;
  csv_files files(prefix.string(), false, writer);
  EXPECT_TRUE(std::filesystem::is_directory(directory_ / "nested" / "dir"));  // created by the constructor

  stats::stats_registry registry(1000.0);
  files.write_snapshot(registry, 1001.2, 0);
  const stats::stats_registry filled = known_registry();
  files.write_snapshot(filled, 1008.7, 25);
  ASSERT_TRUE(writer.flush(std::chrono::seconds(10)));

  const std::filesystem::path base = prefix.parent_path();
  EXPECT_EQ(read_file(base / "run_stats.csv"), stats_csv(filled));  // rewritten, not appended
  EXPECT_EQ(read_file(base / "run_failures.csv"), failures_csv(filled));
  EXPECT_EQ(read_file(base / "run_exceptions.csv"), exceptions_csv(filled));
  const auto history = rows_of(read_file(base / "run_stats_history.csv"));
  ASSERT_EQ(history.size(), 3u);  // header once, then one row per snapshot
  EXPECT_EQ(history[0], history_header);
  EXPECT_EQ(history[1].substr(0, 20), "1001,0,,Aggregated,0");
  EXPECT_EQ(history[2].substr(0, 21), "1008,25,,Aggregated,0");
  // No temporary files are left behind.
  std::size_t file_count = 0;
  for (const auto& item : std::filesystem::directory_iterator(base)) {
    EXPECT_EQ(item.path().extension(), ".csv") << item.path();
    ++file_count;
  }
  EXPECT_EQ(file_count, 4u);
}

TEST_F(CsvFilesOnDisk, NewWriterTruncatesOldHistory) {
  const std::string prefix = (directory_ / "run").string();
  output_writer writer;
  {
    csv_files first(prefix, true, writer);
    first.write_snapshot(known_registry(), 1008.7, 1);
  }
  csv_files second(prefix, true, writer);
  second.write_snapshot(stats::stats_registry(1000.0), 1001.0, 1);
  ASSERT_TRUE(writer.flush(std::chrono::seconds(10)));
  const auto history = rows_of(read_file(directory_ / "run_stats_history.csv"));
  ASSERT_EQ(history.size(), 2u);
  EXPECT_EQ(history[1].substr(0, 19), "1001,1,,Aggregated,");
}

TEST_F(CsvFilesOnDisk, UnwritableLocationThrows) {
  const std::filesystem::path blocker = directory_ / "file";
  std::ofstream(blocker) << "x";
  output_writer writer;
  EXPECT_ANY_THROW(csv_files((blocker / "run").string(), false, writer));  // parent is a regular file
}

}  // namespace
}  // namespace locustpp::report
