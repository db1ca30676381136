// Statistics as Locust's web API serves them (see stats_payload.hpp).
#include "web/stats_payload.hpp"

#include <cmath>
#include <optional>

#include "control/run_state.hpp"
#include "report/utc_time.hpp"
#include "web/html_text.hpp"
#include "web/json_writer.hpp"

namespace locustpp::web {
namespace {

using json_writer = json::writer;
using json::key;
using json::number;
using json::optional_number;
using json::text;

// Python's proper_round: halves away from zero, to an int.
void rounded(json_writer& out, double value) {
  out.Int64(static_cast<std::int64_t>(std::floor(value + 0.5)));
}

// One row: Locust's StatsEntry.to_dict(escape_string_values=True).
void write_row(json_writer& out, const stats::stats_entry& entry, double now) {
  const bool any = entry.num_requests() > 0;
  out.StartObject();
  key(out, "method");
  text(out, html_escape(entry.method()));
  key(out, "name");
  text(out, html_escape(entry.name()));
  key(out, "safe_name");
  text(out, html_escape(entry.name()));
  key(out, "num_requests");
  out.Uint64(entry.num_requests());
  key(out, "num_failures");
  out.Uint64(entry.num_failures());
  key(out, "min_response_time");
  rounded(out, entry.min_response_time_ms());
  key(out, "max_response_time");
  rounded(out, entry.max_response_time_ms());
  key(out, "current_rps");
  number(out, entry.current_rps(now));
  key(out, "current_fail_per_sec");
  number(out, entry.current_fail_per_sec(now));
  key(out, "avg_response_time");
  number(out, entry.avg_response_time_ms());
  key(out, "median_response_time");
  if (any) {
    number(out, entry.median_response_time_ms());
  } else {
    out.Null();  // Locust's median of no requests
  }
  key(out, "total_rps");
  number(out, entry.total_rps());
  key(out, "total_fail_per_sec");
  number(out, entry.total_fail_per_sec());
  key(out, "response_time_percentile_0.95");
  number(out, entry.percentile_ms(0.95));
  key(out, "response_time_percentile_0.99");
  number(out, entry.percentile_ms(0.99));
  key(out, "avg_content_length");
  number(out, entry.avg_content_length());
  out.EndObject();
}

}  // namespace

std::string stats_requests_json(const control::controller& controller,
                                const std::map<std::string, std::string>& extended_rows, double now) {
  const stats::stats_registry& registry = controller.registry();
  const stats::stats_entry& total = registry.total();
  rapidjson::StringBuffer buffer;
  json_writer out(buffer);
  out.StartObject();
  key(out, "stats");
  out.StartArray();
  std::size_t rows = 0;
  for (const stats::stats_entry* entry : registry.sorted_entries()) {
    if (rows++ == max_rows) break;
    write_row(out, *entry, now);
  }
  write_row(out, total, now);
  out.EndArray();

  key(out, "errors");
  out.StartArray();
  rows = 0;
  for (const stats::error_entry* error : registry.sorted_errors()) {
    if (rows++ == max_rows) break;
    out.StartObject();
    key(out, "method");
    text(out, html_escape(error->method));
    key(out, "name");
    text(out, html_escape(error->name));
    key(out, "error");
    text(out, html_escape(error->error));
    key(out, "occurrences");
    out.Uint64(error->occurrences);
    key(out, "first_seen");
    number(out, error->first_seen);
    key(out, "last_seen");
    number(out, error->last_seen);
    out.EndObject();
  }
  out.EndArray();

  key(out, "total_rps");
  number(out, total.total_rps());
  key(out, "total_fail_per_sec");
  number(out, total.total_fail_per_sec());
  key(out, "fail_ratio");
  number(out, total.fail_ratio());
  key(out, "current_rps");
  number(out, total.current_rps(now));
  key(out, "current_fail_per_sec");
  number(out, total.current_fail_per_sec(now));
  key(out, "current_response_time_percentiles");
  out.StartObject();
  key(out, "response_time_percentile_0.5");
  optional_number(out, registry.current_percentile_ms(total, 0.5, now));
  key(out, "response_time_percentile_0.95");
  optional_number(out, registry.current_percentile_ms(total, 0.95, now));
  out.EndObject();
  key(out, "state");
  text(out, control::state_name(controller.state()));
  key(out, "user_count");
  out.Uint64(controller.user_count());
  if (controller.users_are_remote()) {  // Locust's master-only keys
    std::vector<control::worker_summary> workers = controller.workers();
    key(out, "workers");
    out.StartArray();
    for (const control::worker_summary& worker : workers) {
      out.StartObject();
      key(out, "id");
      text(out, html_escape(worker.id));
      key(out, "state");
      text(out, worker.state);
      key(out, "user_count");
      out.Uint64(worker.users);
      key(out, "cpu_usage");
      number(out, worker.cpu_percent);
      key(out, "memory_usage");
      out.Uint64(worker.memory);
      out.EndObject();
    }
    out.EndArray();
    key(out, "worker_count");
    out.Uint64(workers.size());
  }
  if (!extended_rows.empty()) {
    key(out, "extended_stats");
    out.StartArray();
    for (const auto& [tab, tab_rows] : extended_rows) {
      out.StartObject();
      key(out, "key");
      text(out, tab);
      key(out, "data");
      out.RawValue(tab_rows.c_str(), tab_rows.size(), rapidjson::kArrayType);
      out.EndObject();
    }
    out.EndArray();
  }
  out.EndObject();
  return buffer.GetString();
}

std::string exceptions_json(const stats::stats_registry& registry) {
  rapidjson::StringBuffer buffer;
  json_writer out(buffer);
  out.StartObject();
  key(out, "exceptions");
  out.StartArray();
  for (const stats::exception_entry* exception : registry.sorted_exceptions()) {
    out.StartObject();
    key(out, "count");
    out.Uint64(exception->count);
    key(out, "msg");
    text(out, exception->message);
    key(out, "traceback");
    text(out, exception->traceback);
    std::string nodes;
    for (const std::string& node : exception->nodes) nodes += (nodes.empty() ? "" : ", ") + node;
    key(out, "nodes");
    text(out, nodes);
    out.EndObject();
  }
  out.EndArray();
  out.EndObject();
  return buffer.GetString();
}

// [{"response_time_percentile_0.5": [ts, v], ..., "user_count": [ts, n], "time": ts}, ...]
std::string history_json(const control::chart_history& history) {
  rapidjson::StringBuffer buffer;
  json_writer out(buffer);
  out.StartArray();
  for (const control::chart_point& point : history.points()) {
    const std::string time = report::format_utc_iso8601(point.time);
    const auto pair = [&](std::string_view name, auto write_value) {
      key(out, name);
      out.StartArray();
      text(out, time);
      write_value();
      out.EndArray();
    };
    out.StartObject();
    pair("response_time_percentile_0.5", [&] { optional_number(out, point.p50_ms); });
    pair("response_time_percentile_0.95", [&] { optional_number(out, point.p95_ms); });
    pair("current_rps", [&] { number(out, point.current_rps); });
    pair("current_fail_per_sec", [&] { number(out, point.current_fail_per_sec); });
    pair("total_avg_response_time", [&] { number(out, point.total_avg_response_time_ms); });
    pair("user_count", [&] { out.Uint64(point.user_count); });
    key(out, "time");
    text(out, time);
    out.EndObject();
  }
  out.EndArray();
  return buffer.GetString();
}

}  // namespace locustpp::web
