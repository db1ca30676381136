// The rows of Locust's CSV files, built from the registry (columns as locust/stats.py's StatsCSV).
#include "report/csv_files.hpp"

#include <fmt/format.h>

#include <cmath>
#include <cstdint>
#include <string>
#include <vector>

#include "report/csv_text.hpp"
#include "report/number_text.hpp"
#include "report/utc_time.hpp"
#include "stats/reported_percentiles.hpp"

namespace locustpp::report {
namespace {

constexpr int ms_decimals = 3;    // 1 us resolution: min/max/sum are exact to the ns
constexpr int size_decimals = 3;  // average content size, bytes
constexpr int rate_decimals = 6;  // per-second rates; Python's "%2f" also prints 6 decimals

std::string ms_text(double ms) { return format_trimmed(ms, ms_decimals); }

void append_percentile_fields(std::vector<std::string>& fields, const stats::stats_entry& entry) {
  for (const stats::reported_percentile& percentile : stats::percentiles_to_report) {
    fields.push_back(entry.num_requests() == 0 ? "N/A" : ms_text(entry.percentile_ms(percentile.fraction)));
  }
}

std::string percentile_columns() {
  std::string columns;
  for (const stats::reported_percentile& percentile : stats::percentiles_to_report) {
    columns += ',';
    columns += percentile.column;
  }
  return columns;
}

std::vector<std::string> stats_row(const stats::stats_entry& entry) {
  std::vector<std::string> fields{entry.method(),
                                  entry.name(),
                                  std::to_string(entry.num_requests()),
                                  std::to_string(entry.num_failures()),
                                  ms_text(entry.median_response_time_ms()),
                                  ms_text(entry.avg_response_time_ms()),
                                  ms_text(entry.min_response_time_ms()),
                                  ms_text(entry.max_response_time_ms()),
                                  format_trimmed(entry.avg_content_length(), size_decimals),
                                  format_trimmed(entry.total_rps(), rate_decimals),
                                  format_trimmed(entry.total_fail_per_sec(), rate_decimals)};
  append_percentile_fields(fields, entry);
  return fields;
}

std::vector<std::string> history_row(const stats::stats_entry& entry, double now_epoch, int user_count) {
  std::vector<std::string> fields{std::to_string(static_cast<std::int64_t>(std::floor(now_epoch))),
                                  std::to_string(user_count),
                                  entry.method(),
                                  entry.name(),
                                  fmt::format("{:.6f}", entry.current_rps(now_epoch)),
                                  fmt::format("{:.6f}", entry.current_fail_per_sec(now_epoch))};
  // Cumulative percentiles for every row: see the report notes on --csv-full-history.
  append_percentile_fields(fields, entry);
  fields.push_back(std::to_string(entry.num_requests()));
  fields.push_back(std::to_string(entry.num_failures()));
  fields.push_back(ms_text(entry.median_response_time_ms()));
  fields.push_back(ms_text(entry.avg_response_time_ms()));
  fields.push_back(ms_text(entry.min_response_time_ms()));
  fields.push_back(ms_text(entry.max_response_time_ms()));
  fields.push_back(format_trimmed(entry.avg_content_length(), size_decimals));
  return fields;
}

}  // namespace

std::string stats_csv(const stats::stats_registry& registry) {
  std::string out =
      "Type,Name,Request Count,Failure Count,Median Response Time,Average Response Time,Min Response Time,"
      "Max Response Time,Average Content Size,Requests/s,Failures/s" +
      percentile_columns();
  out.append(csv_line_end);
  for (const stats::stats_entry* entry : registry.sorted_entries()) append_csv_row(out, stats_row(*entry));
  append_csv_row(out, stats_row(registry.total()));
  return out;
}

std::string failures_csv(const stats::stats_registry& registry) {
  std::string out = "Method,Name,Error,Occurrences,First Seen,Last Seen";
  out.append(csv_line_end);
  for (const stats::error_entry* error : registry.sorted_errors()) {
    append_csv_row(out, {error->method, error->name, error->error, std::to_string(error->occurrences),
                         format_utc_iso8601(error->first_seen), format_utc_iso8601(error->last_seen)});
  }
  return out;
}

std::string exceptions_csv(const stats::stats_registry& registry) {
  std::string out = "Count,Message,Traceback,Nodes";
  out.append(csv_line_end);
  for (const stats::exception_entry* exception : registry.sorted_exceptions()) {
    append_csv_row(out, {std::to_string(exception->count), exception->message, exception->traceback,
                         fmt::format("{}", fmt::join(exception->nodes, ", "))});
  }
  return out;
}

std::string stats_history_csv_header() {
  std::string out = "Timestamp,User Count,Type,Name,Requests/s,Failures/s" + percentile_columns() +
                    ",Total Request Count,Total Failure Count,Total Median Response Time,"
                    "Total Average Response Time,Total Min Response Time,Total Max Response Time,"
                    "Total Average Content Size";
  out.append(csv_line_end);
  return out;
}

std::string stats_history_csv_rows(const stats::stats_registry& registry, double now_epoch, int user_count,
                                   bool full_history) {
  std::string out;
  if (full_history) {
    for (const stats::stats_entry* entry : registry.sorted_entries()) {
      append_csv_row(out, history_row(*entry, now_epoch, user_count));
    }
  }
  append_csv_row(out, history_row(registry.total(), now_epoch, user_count));
  return out;
}

}  // namespace locustpp::report
