// csv_files: putting the CSV texts on disk (atomic rewrite for snapshots, append for history).
#include "report/csv_files.hpp"

#include <filesystem>
#include <stdexcept>
#include <utility>

namespace locustpp::report {
namespace {

// Write to PATH.tmp, then rename over PATH: rename is atomic within a directory.
void replace_file(const std::string& path, const std::string& content) {
  const std::string temp_path = path + ".tmp";
  {
    std::ofstream file(temp_path, std::ios::binary | std::ios::trunc);
    file << content;
    file.close();
    if (!file) throw std::runtime_error("cannot write " + temp_path);
  }
  std::filesystem::rename(temp_path, path);
}

}  // namespace

csv_files::csv_files(std::string prefix, bool full_history)
    : prefix_(std::move(prefix)), full_history_(full_history) {
  const std::filesystem::path parent = std::filesystem::path(prefix_).parent_path();
  if (!parent.empty()) std::filesystem::create_directories(parent);
}

void csv_files::write_snapshot(const stats::stats_registry& registry, double now_epoch, int user_count) {
  replace_file(prefix_ + "_stats.csv", stats_csv(registry));
  replace_file(prefix_ + "_failures.csv", failures_csv(registry));
  replace_file(prefix_ + "_exceptions.csv", exceptions_csv(registry));

  const std::string history_path = prefix_ + "_stats_history.csv";
  if (!history_.is_open()) {
    history_.open(history_path, std::ios::binary | std::ios::trunc);
    history_ << stats_history_csv_header();
  }
  history_ << stats_history_csv_rows(registry, now_epoch, user_count, full_history_);
  history_.flush();  // readers (and a crash) see every finished snapshot
  if (!history_) throw std::runtime_error("cannot write " + history_path);
}

}  // namespace locustpp::report
