// csv_files: putting the CSV texts on disk (atomic rewrite for snapshots, append for history).
#include "report/csv_files.hpp"

#include <utility>

#include "report/output_file.hpp"

namespace locustpp::report {
csv_files::csv_files(std::string prefix, bool full_history, output_writer& writer, csv_numbers style)
    : prefix_(std::move(prefix)), full_history_(full_history), writer_(writer), style_(style) {
  for (const char* suffix : file_suffixes) check_writable(prefix_ + suffix);
}

void csv_files::write_snapshot(const stats::stats_registry& registry, double now_epoch, int user_count) {
  writer_.replace(prefix_ + "_stats.csv", stats_csv(registry, style_));
  writer_.replace(prefix_ + "_failures.csv", failures_csv(registry));
  writer_.replace(prefix_ + "_exceptions.csv", exceptions_csv(registry));

  const std::string history_path = prefix_ + "_stats_history.csv";
  if (!history_started_) writer_.replace(history_path, stats_history_csv_header());
  history_started_ = true;
  writer_.append(history_path, stats_history_csv_rows(registry, now_epoch, user_count, full_history_, style_));
}

}  // namespace locustpp::report
