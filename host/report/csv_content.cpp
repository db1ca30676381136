// The rows of Locust's CSV files, built from the registry (columns as locust/stats.py's StatsCSV).
#include "report/csv_files.hpp"

#include <fmt/format.h>

#include <cmath>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "report/csv_text.hpp"
#include "report/locust_buckets.hpp"
#include "report/number_text.hpp"
#include "report/utc_time.hpp"
#include "stats/reported_percentiles.hpp"

namespace locustpp::report {
namespace {

constexpr int ms_decimals = 3;    // 1 us resolution: min/max/sum are exact to the ns
constexpr int size_decimals = 3;  // average content size, bytes
constexpr int rate_decimals = 6;  // per-second rates; Python's "%2f" also prints 6 decimals

// The numeric fields of a row, in one of the two styles (see csv_numbers).
class number_fields {
 public:
  number_fields(const stats::stats_entry& entry, csv_numbers style) : entry_(entry), style_(style) {}

  // Locust: the bucketed median, clamped to the exact min and max (then a float).
  std::string median() const {
    if (style_ == csv_numbers::exact) return ms(entry_.median_response_time_ms());
    if (empty()) return "0";
    auto bucket = static_cast<double>(locust_bucket_ms(entry_.median_response_time_ms()));
    if (bucket > entry_.max_response_time_ms()) return python_float_repr(entry_.max_response_time_ms());
    if (bucket < entry_.min_response_time_ms()) return python_float_repr(entry_.min_response_time_ms());
    return std::to_string(static_cast<std::int64_t>(bucket));
  }
  std::string average() const {
    if (style_ == csv_numbers::exact) return ms(entry_.avg_response_time_ms());
    return empty() ? "0.0" : python_float_repr(entry_.avg_response_time_ms());
  }
  // Locust writes an int 0 for these until the first request.
  std::string min() const { return float_or_zero(entry_.min_response_time_ms()); }
  std::string max() const { return float_or_zero(entry_.max_response_time_ms()); }
  std::string content_size() const {
    if (style_ == csv_numbers::exact) return format_trimmed(entry_.avg_content_length(), size_decimals);
    return empty() ? "0" : python_float_repr(entry_.avg_content_length());
  }
  std::string rate(double per_second) const {
    return style_ == csv_numbers::exact ? format_trimmed(per_second, rate_decimals) : python_float_repr(per_second);
  }
  // Locust: a bucket, an int; ours exact in ms.
  std::string percentile(double fraction) const {
    if (empty()) return "N/A";
    return percentile_value(entry_.percentile_ms(fraction));
  }
  // A percentile of the last seconds (nullopt: no requests in them).
  std::string current_percentile(std::optional<double> value) const { return value ? percentile_value(*value) : "N/A"; }

 private:
  bool empty() const { return entry_.num_requests() == 0; }
  std::string percentile_value(double exact) const {
    return style_ == csv_numbers::exact ? ms(exact) : std::to_string(locust_bucket_ms(exact));
  }
  static std::string ms(double value) { return format_trimmed(value, ms_decimals); }
  std::string float_or_zero(double value) const {
    if (style_ == csv_numbers::exact) return ms(value);
    return empty() ? "0" : python_float_repr(value);
  }
  const stats::stats_entry& entry_;
  csv_numbers style_;
};

void append_percentile_fields(std::vector<std::string>& fields, const number_fields& numbers) {
  for (const stats::reported_percentile& percentile : stats::percentiles_to_report) {
    fields.push_back(numbers.percentile(percentile.fraction));
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

std::vector<std::string> stats_row(const stats::stats_entry& entry, csv_numbers style) {
  number_fields numbers(entry, style);
  std::vector<std::string> fields{entry.method(),
                                  entry.name(),
                                  std::to_string(entry.num_requests()),
                                  std::to_string(entry.num_failures()),
                                  numbers.median(),
                                  numbers.average(),
                                  numbers.min(),
                                  numbers.max(),
                                  numbers.content_size(),
                                  numbers.rate(entry.total_rps()),
                                  numbers.rate(entry.total_fail_per_sec())};
  append_percentile_fields(fields, numbers);
  return fields;
}

// With --csv-full-history the percentiles are the current ones (the last
// 10 s), as Locust writes them; otherwise cumulative.
std::vector<std::string> history_row(const stats::stats_registry& registry, const stats::stats_entry& entry,
                                     double now_epoch, int user_count, bool full_history, csv_numbers style) {
  number_fields numbers(entry, style);
  std::vector<std::string> fields{std::to_string(static_cast<std::int64_t>(std::floor(now_epoch))),
                                  std::to_string(user_count),
                                  entry.method(),
                                  entry.name(),
                                  fmt::format("{:.6f}", entry.current_rps(now_epoch)),
                                  fmt::format("{:.6f}", entry.current_fail_per_sec(now_epoch))};
  if (full_history) {
    for (const stats::reported_percentile& percentile : stats::percentiles_to_report) {
      fields.push_back(
          numbers.current_percentile(registry.current_percentile_ms(entry, percentile.fraction, now_epoch)));
    }
  } else {
    append_percentile_fields(fields, numbers);
  }
  fields.push_back(std::to_string(entry.num_requests()));
  fields.push_back(std::to_string(entry.num_failures()));
  fields.push_back(numbers.median());
  fields.push_back(numbers.average());
  fields.push_back(numbers.min());
  fields.push_back(numbers.max());
  fields.push_back(numbers.content_size());
  return fields;
}

}  // namespace

std::string stats_csv(const stats::stats_registry& registry, csv_numbers style) {
  std::string out =
      "Type,Name,Request Count,Failure Count,Median Response Time,Average Response Time,Min Response Time,"
      "Max Response Time,Average Content Size,Requests/s,Failures/s" +
      percentile_columns();
  out.append(csv_line_end);
  for (const stats::stats_entry* entry : registry.sorted_entries()) append_csv_row(out, stats_row(*entry, style));
  append_csv_row(out, stats_row(registry.total(), style));
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
                                   bool full_history, csv_numbers style) {
  std::string out;
  if (full_history) {
    for (const stats::stats_entry* entry : registry.sorted_entries()) {
      append_csv_row(out, history_row(registry, *entry, now_epoch, user_count, true, style));
    }
  }
  append_csv_row(out, history_row(registry, registry.total(), now_epoch, user_count, full_history, style));
  return out;
}

}  // namespace locustpp::report
