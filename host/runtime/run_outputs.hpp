// Everything a run writes: the console table every 2 s, the CSV files
// every second, and at the end the final summary, the CSV files once more
// (so they match the summary exactly) and --json/--json-file. As in Locust,
// the tables go to stderr with the log; stdout carries only --json. Files that
// cannot be written are found before the test starts (the constructor
// throws report::output_error naming the file and the reason). Control
// thread only.
#pragma once

#include <memory>
#include <optional>
#include <string>

#include "cli/run_options.hpp"
#include "report/csv_files.hpp"
#include "report/output_writer.hpp"
#include "stats/stats_registry.hpp"

namespace locustpp::runtime {

class run_outputs {
 public:
  // print_tables: the console table every 2 s (headless, or --print-stats).
  run_outputs(const cli::run_options& options, const stats::stats_registry& registry, bool print_tables);
  void every_second(double now_epoch, int user_count);
  void every_two_seconds(double now_epoch);
  // Returns false when a file could not be written (the reason is logged),
  // or the disk did not take them within a bounded wait.
  bool final(double now_epoch, int user_count);

 private:
  const cli::run_options& options_;
  const stats::stats_registry& registry_;
  report::output_writer writer_;  // puts the files on disk, off the control thread
  std::optional<report::csv_files> csv_;
  bool print_tables_;
};

}  // namespace locustpp::runtime
