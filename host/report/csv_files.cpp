// csv_files: putting the CSV texts on disk (atomic rewrite for snapshots, append for history).
#include "report/csv_files.hpp"

#include <cerrno>
#include <cstring>
#include <utility>

#include "report/output_file.hpp"

namespace locustpp::report {
csv_files::csv_files(std::string prefix, bool full_history, csv_numbers style)
    : prefix_(std::move(prefix)), full_history_(full_history), style_(style) {
  for (const char* suffix : file_suffixes) check_writable(prefix_ + suffix);
}

void csv_files::write_snapshot(const stats::stats_registry& registry, double now_epoch, int user_count) {
  replace_file(prefix_ + "_stats.csv", stats_csv(registry, style_));
  replace_file(prefix_ + "_failures.csv", failures_csv(registry));
  replace_file(prefix_ + "_exceptions.csv", exceptions_csv(registry));

  const std::string history_path = prefix_ + "_stats_history.csv";
  if (!history_.is_open()) {
    history_.open(history_path, std::ios::binary | std::ios::trunc);
    history_ << stats_history_csv_header();
  }
  history_ << stats_history_csv_rows(registry, now_epoch, user_count, full_history_, style_);
  history_.flush();  // readers (and a crash) see every finished snapshot
  if (!history_) throw output_error("cannot write " + history_path + ": " + std::strerror(errno));
}

}  // namespace locustpp::report
