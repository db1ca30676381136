// Console tables: exact Locust layout for a known registry, error and exception reports.
#include "report/console_tables.hpp"

#include <gtest/gtest.h>

#include <sstream>
#include <string>
#include <vector>

#include "stats/stats_shard.hpp"

namespace locustpp::report {
namespace {

constexpr std::uint64_t us = 1'000;  // ns per microsecond

std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream stream(text);
  for (std::string line; std::getline(stream, line);) lines.push_back(line);
  return lines;
}

std::string spaces(std::size_t count) { return std::string(count, ' '); }

// Run started at 1000 s. /nope: 3 ms and 7 ms, both failed; /: 150.5 ms; /login: 12.34 ms.
// The last request completes at 1004.01234 s.
stats::stats_registry known_registry() {
  stats::stats_registry registry(1000.0);
  stats::stats_shard shard;
  shard.record({"GET", "/nope", 3'000 * us, 10, 1001.0, "CatchResponseError('got 404')"});
  shard.record({"GET", "/nope", 7'000 * us, 10, 1002.0, "CatchResponseError('got 404')"});
  shard.record({"GET", "/", 150'500 * us, 1234, 1003.0, {}});
  shard.record({"POST", "/login", 12'340 * us, 0, 1004.0, {}});
  registry.merge(shard);
  return registry;
}

const std::string request_header =
    "Type     Name" + spaces(72) +
    "  # reqs      # fails |    Avg     Min     Max    Med |   req/s  failures/s";
const std::string request_separator =
    "--------|" + std::string(76, '-') + "|-------|-------------|-------|-------|-------|-------|--------|-----------";

TEST(ConsoleRequestTable, FinalSummaryUsesTotalRps) {
  const auto lines = lines_of(format_request_table(known_registry(), 0.0, false));
  ASSERT_EQ(lines.size(), 7u);
  EXPECT_EQ(lines[0], request_header);
  EXPECT_EQ(lines[1], request_separator);
  // Sorted by (name, method). total_rps divides by 4.01234 s, the run's span.
  EXPECT_EQ(lines[2], "GET      /" + spaces(75) +
                          "       1     0(0.00%) |    150     150     150    150 |    0.25        0.00");
  EXPECT_EQ(lines[3], "POST     /login" + spaces(70) +
                          "       1     0(0.00%) |   12.3    12.3    12.3   12.3 |    0.25        0.00");
  // The median of {3, 7} is 3 (nearest rank 1); 7 ms is never shown as a bucket value here.
  EXPECT_EQ(lines[4], "GET      /nope" + spaces(71) +
                          "       2   2(100.00%) |   5.00    3.00    7.00   3.00 |    0.50        0.50");
  EXPECT_EQ(lines[5], request_separator);
  // Aggregated median: rank 2 of {3, 7, 12.34, 150.5} lands in 7 ms's bucket, midpoint 6.98 ms.
  EXPECT_EQ(lines[6], spaces(9) + "Aggregated" + spaces(66) +
                          "       4    2(50.00%) |   43.2    3.00     150   6.98 |    1.00        0.50");
  for (const std::string& line : lines) EXPECT_EQ(line.size(), 160u) << line;  // 80 + name width
}

TEST(ConsoleRequestTable, PeriodicTableUsesCurrentRps) {
  // now 1010 s: window 1000..1007 (8 s) holds completions at 1001, 1002, 1003, 1004.
  const auto lines = lines_of(format_request_table(known_registry(), 1010.0, true));
  ASSERT_EQ(lines.size(), 7u);
  EXPECT_EQ(lines[2].substr(139), "|    0.12        0.00");  // 1/8 = 0.125 rounds to even
  EXPECT_EQ(lines[4].substr(139), "|    0.25        0.25");
  EXPECT_EQ(lines[6].substr(139), "|    0.50        0.25");
}

TEST(ConsoleRequestTable, EmptyRegistryShowsZeroAggregatedRow) {
  const auto lines = lines_of(format_request_table(stats::stats_registry(1000.0), 1010.0, true));
  ASSERT_EQ(lines.size(), 4u);
  EXPECT_EQ(lines[1], request_separator);
  EXPECT_EQ(lines[2], request_separator);
  EXPECT_EQ(lines[3], spaces(9) + "Aggregated" + spaces(66) +
                          "       0     0(0.00%) |   0.00    0.00    0.00   0.00 |    0.00        0.00");
}

TEST(ConsolePercentileTable, ExactLayout) {
  const auto lines = lines_of(format_percentile_table(known_registry()));
  ASSERT_EQ(lines.size(), 8u);
  EXPECT_EQ(lines[0], "Response time percentiles (exact to 1%)");
  EXPECT_EQ(lines[1], "Type     Name" + spaces(76) +
                          "      50%    66%    75%    80%    90%    95%    98%    99%  99.9% 99.99%   100% # reqs");
  const std::string separator = "--------|" + std::string(80, '-') + "|--------" +
                                "|------|------|------|------|------|------|------|------|------|------|------";
  EXPECT_EQ(lines[2], separator);
  EXPECT_EQ(lines[3], "GET      /" + spaces(79) +
                          "      150    150    150    150    150    150    150    150    150    150    150      1");
  EXPECT_EQ(lines[4], "POST     /login" + spaces(74) +
                          "     12.3   12.3   12.3   12.3   12.3   12.3   12.3   12.3   12.3   12.3   12.3      1");
  EXPECT_EQ(lines[5], "GET      /nope" + spaces(75) +
                          "     3.00   7.00   7.00   7.00   7.00   7.00   7.00   7.00   7.00   7.00   7.00      2");
  EXPECT_EQ(lines[6], separator);
  EXPECT_EQ(lines[7], spaces(9) + "Aggregated" + spaces(70) +
                          "     6.98   12.4   12.4    150    150    150    150    150    150    150    150      4");
}

TEST(ConsolePercentileTable, EmptyRegistryHasNoRows) {
  const auto lines = lines_of(format_percentile_table(stats::stats_registry(1000.0)));
  ASSERT_EQ(lines.size(), 4u);
  EXPECT_EQ(lines[2], lines[3]);  // two separators, nothing between or after
}

TEST(ConsoleErrorReport, RowsPerFailureGroup) {
  stats::stats_registry registry = known_registry();
  stats::stats_shard shard;
  shard.record({"POST", "/login", us, 0, 1005.0, "ConnectionRefusedError(111, 'Connection refused')"});
  registry.merge(shard);

  const auto lines = lines_of(format_error_report(registry));
  ASSERT_EQ(lines.size(), 7u);
  EXPECT_EQ(lines[0], "Error report");
  EXPECT_EQ(lines[1], "# occurrences      Error" + spaces(95));  // "%-18s %-100s"
  const std::string separator = std::string(18, '-') + "|" + std::string(141, '-');
  EXPECT_EQ(lines[2], separator);
  const std::string first = "GET /nope: CatchResponseError('got 404')";
  EXPECT_EQ(lines[3], "2" + spaces(17) + " " + first + spaces(100 - first.size()));  // most frequent first
  const std::string second = "POST /login: ConnectionRefusedError(111, 'Connection refused')";
  EXPECT_EQ(lines[4], "1" + spaces(17) + " " + second + spaces(100 - second.size()));
  EXPECT_EQ(lines[5], separator);
  EXPECT_EQ(lines[6], "");
}

// A target or plugin must not reach the terminal: ESC, C1, CR and LF in a
// name, a failure text or an exception are shown escaped, invalid UTF-8 as U+FFFD.
TEST(ConsoleReports, ControlCharactersAreEscapedNeverWritten) {
  stats::stats_registry registry(1000.0);
  stats::stats_shard shard;
  shard.record({"GET", "/\x1b[2J\xC2\x9B", us, 0, 1001.0, "CatchResponseError('\x1b]0;owned\x07')\r\nfake\xFF"});
  shard.record_exception("boom \x1b[31m\x7f", "Thrower.task\x1b[1A\nnext line");
  registry.merge(shard);
  const std::string everything = format_request_table(registry, 1002.0, false) + format_percentile_table(registry) +
                                 format_error_report(registry) + format_exception_report(registry);
  EXPECT_EQ(everything.find('\x1b'), std::string::npos) << everything;
  EXPECT_EQ(everything.find('\x07'), std::string::npos);
  EXPECT_EQ(everything.find('\x7f'), std::string::npos);
  EXPECT_EQ(everything.find('\r'), std::string::npos);
  EXPECT_EQ(everything.find("\xC2\x9B"), std::string::npos);
  EXPECT_EQ(everything.find('\xFF'), std::string::npos);
  EXPECT_NE(everything.find("GET /\\x1b[2J\\x9b: CatchResponseError('\\x1b]0;owned\\x07')\\r\\nfake\xEF\xBF\xBD"),
            std::string::npos)
      << everything;
  EXPECT_NE(everything.find("boom \\x1b[31m\\x7f\n"), std::string::npos) << everything;
  EXPECT_NE(everything.find(spaces(19) + "Thrower.task\\x1b[1A\n" + spaces(19) + "next line\n"), std::string::npos)
      << "the traceback keeps its lines" << everything;
  EXPECT_EQ(lines_of(format_error_report(registry)).size(), 6u) << "one row for the failure";
}

TEST(ConsoleErrorReport, EmptyWithoutFailures) {
  EXPECT_EQ(format_error_report(stats::stats_registry(1000.0)), "");
  EXPECT_EQ(format_exception_report(stats::stats_registry(1000.0)), "");
}

TEST(ConsoleExceptionReport, ShowsCountMessageAndTraceback) {
  stats::stats_registry registry(1000.0);
  stats::stats_shard shard;
  shard.record_exception("ValueError: bad", "Traceback (most recent call last):\n  File \"x\"\nValueError: bad\n");
  shard.record_exception("ValueError: bad", "ignored: only the first traceback is kept");
  registry.merge(shard);

  const auto lines = lines_of(format_exception_report(registry));
  ASSERT_EQ(lines.size(), 9u);
  EXPECT_EQ(lines[0], "Exceptions");
  EXPECT_EQ(lines[1], "# occurrences      Message");
  EXPECT_EQ(lines[3], "2                  ValueError: bad");
  EXPECT_EQ(lines[4], spaces(19) + "Traceback (most recent call last):");
  EXPECT_EQ(lines[5], spaces(19) + "  File \"x\"");
  EXPECT_EQ(lines[6], spaces(19) + "ValueError: bad");
  EXPECT_EQ(lines[7], lines[2]);
  EXPECT_EQ(lines[8], "");
}

}  // namespace
}  // namespace locustpp::report
