// Test support: runs the real `locustpp` host once and collects what it
// reported: exit code, console output, and the --json-file statistics.
#pragma once

#include <rapidjson/document.h>

#include <chrono>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace locustpp::testing {

struct entry_counts {
  std::uint64_t requests = 0;
  std::uint64_t failures = 0;
};

struct run_result {
  std::optional<int> exit_code;  // nullopt: did not finish in time
  std::string out, err;
  rapidjson::Document stats;  // --json-file output (array), empty if none
  // (method, name) → counts from the JSON stats
  std::map<std::pair<std::string, std::string>, entry_counts> entries;
  // Counts of one entry (zero when absent).
  entry_counts of(const std::string& method, const std::string& name) const;
  std::uint64_t total_requests() const;
  std::uint64_t total_failures() const;
};

// Runs `locustpp ARGS... --json-file <tmp>` with a time limit (seconds).
run_result run_locustpp(std::vector<std::string> args, int time_limit_seconds = 60,
                        std::map<std::string, std::string> env = {}, const std::string& working_dir = {});

// Path of a plugin built from tests/*/plugins.
std::string test_plugin(const std::string& name);

// The Aggregated "Request Count" of PREFIX_stats.csv (0 when not there yet).
std::uint64_t csv_aggregated_requests(const std::string& csv_prefix);
// The Aggregated "Failure Count" of PREFIX_stats.csv (0 when not there yet).
std::uint64_t csv_aggregated_failures(const std::string& csv_prefix);
// Waits until PREFIX_stats.csv shows requests: a run under way, the
// readiness signal for tests that interrupt one. False after `limit`.
bool wait_for_csv_requests(const std::string& csv_prefix, std::chrono::milliseconds limit);

}  // namespace locustpp::testing
