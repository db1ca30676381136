// Console, CSV and JSON outputs of a run (see run_outputs.hpp).
#include "runtime/run_outputs.hpp"

#include <spdlog/spdlog.h>

#include <cstdio>

#include "report/console_tables.hpp"
#include "report/output_file.hpp"
#include "report/stats_json.hpp"

namespace locustpp::runtime {
namespace {

// At the end, how long the outputs may take to reach the disk before the
// run gives up on them (and says so in its exit code).
constexpr std::chrono::seconds final_write_wait{30};

}  // namespace

run_outputs::run_outputs(const cli::run_options& options, const stats::stats_registry& registry, bool print_tables)
    : options_(options), registry_(registry), print_tables_(print_tables) {
  if (options_.csv_prefix) {
    csv_.emplace(*options_.csv_prefix, options_.csv_full_history, writer_,
                 options_.csv_exact ? report::csv_numbers::exact : report::csv_numbers::locust);
  }
  if (options_.json_file) report::check_writable(*options_.json_file + ".json");
}

void run_outputs::every_second(double now_epoch, int user_count) {
  if (csv_) csv_->write_snapshot(registry_, now_epoch, user_count);
}

void run_outputs::every_two_seconds(double now_epoch) {
  if (options_.only_summary || !print_tables_) return;
  std::string table = report::format_request_table(registry_, now_epoch, true) + "\n";
  std::fwrite(table.data(), 1, table.size(), stderr);
}

bool run_outputs::final(double now_epoch, int user_count) {
  if (csv_) csv_->write_snapshot(registry_, now_epoch, user_count);
  // A worker's results are its master's to print (as Locust's workers do).
  if (!options_.worker) {
    std::string summary = report::format_request_table(registry_, now_epoch, false) + "\n" +
                          report::format_percentile_table(registry_) + "\n" + report::format_error_report(registry_);
    std::string exceptions = report::format_exception_report(registry_);
    if (!exceptions.empty()) summary += "\n" + exceptions;
    std::fwrite(summary.data(), 1, summary.size(), stderr);
  }
  if (options_.json) {
    std::string json = report::stats_json(registry_);
    std::fwrite(json.data(), 1, json.size(), stdout);
    std::fputc('\n', stdout);
  }
  if (options_.json_file) writer_.replace(*options_.json_file + ".json", report::stats_json(registry_) + "\n");
  std::fflush(stdout);
  return writer_.flush(final_write_wait);
}

}  // namespace locustpp::runtime
