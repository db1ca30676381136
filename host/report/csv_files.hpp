// Locust's --csv output: the four PREFIX_*.csv files and the text of each.
#pragma once

#include <string>
#include "report/output_writer.hpp"

#include "stats/stats_registry.hpp"

namespace locustpp::report {

// How numbers are written. `locust`, the default, is byte-compatible with
// Locust's files (csv.writer of Python values): the median and percentiles
// are integers rounded to Locust's buckets (2 significant digits), the
// median a float when clamped to the exact min or max, averages, min, max
// and rates Python float repr(), 0 (int) before the first request. `exact`
// (--csv-exact) keeps our exact values: ms with up to 3 decimals, exact
// percentiles.
enum class csv_numbers { locust, exact };

// Writes Locust's CSV files for one run. Call write_snapshot() about once a second
// (Locust: CSV_STATS_INTERVAL_SEC) and once more at shutdown (Locust forgets that one).
// Control thread only: it makes the files' texts, and `writer`'s thread puts them on
// disk (a file that cannot be written is logged there, naming the file and the reason).
class csv_files {
 public:
  static constexpr const char* file_suffixes[] = {"_stats.csv", "_failures.csv", "_exceptions.csv",
                                                  "_stats_history.csv"};

  // prefix: e.g. "out/run1" gives out/run1_stats.csv etc. Missing parent directories are
  // created here, and each file is checked to be writable (so a run whose files could
  // not be written never starts; throws output_error, see output_file.hpp). full_history:
  // Locust's --csv-full-history. `writer` must outlive this object.
  csv_files(std::string prefix, bool full_history, output_writer& writer, csv_numbers style = csv_numbers::locust);

  // Rewrites PREFIX_stats.csv, PREFIX_failures.csv and PREFIX_exceptions.csv (each
  // written to a temp file, then renamed over the old one, so readers never see half a
  // file) and appends one row set to PREFIX_stats_history.csv. The first call truncates
  // the history file and writes its header. now_epoch: epoch seconds of the snapshot.
  void write_snapshot(const stats::stats_registry& registry, double now_epoch, int user_count);

 private:
  std::string prefix_;
  bool full_history_;
  output_writer& writer_;
  csv_numbers style_;
  bool history_started_ = false;  // its header is written
};

// File contents (header line included; rows end with "\r\n" as Python's csv module writes).
// Response times in ms with up to 3 decimals, sizes in bytes, rates per second.
std::string stats_csv(const stats::stats_registry& registry,
                      csv_numbers style = csv_numbers::locust);     // PREFIX_stats.csv; also for the web UI
std::string failures_csv(const stats::stats_registry& registry);    // PREFIX_failures.csv
std::string exceptions_csv(const stats::stats_registry& registry);  // PREFIX_exceptions.csv

// PREFIX_stats_history.csv: its header line, and the rows of one snapshot at now_epoch
// (Aggregated only, or every entry then Aggregated when full_history).
std::string stats_history_csv_header();
std::string stats_history_csv_rows(const stats::stats_registry& registry, double now_epoch, int user_count,
                                   bool full_history, csv_numbers style = csv_numbers::locust);

}  // namespace locustpp::report
