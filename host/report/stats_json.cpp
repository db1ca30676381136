// stats_json: one RapidJSON pretty-writer pass over the sorted entries.
#include "report/stats_json.hpp"

#include <rapidjson/prettywriter.h>
#include <rapidjson/stringbuffer.h>

#include <cstdint>
#include <string>
#include <string_view>

#include "report/locust_buckets.hpp"
#include "report/text_safety.hpp"
#include "stats/reported_percentiles.hpp"

namespace locustpp::report {
namespace {

using json_writer = rapidjson::PrettyWriter<rapidjson::StringBuffer>;

constexpr double ns_per_ms = 1e6;

void write_key(json_writer& writer, std::string_view key) {
  writer.Key(key.data(), static_cast<rapidjson::SizeType>(key.size()));
}

// RapidJSON escapes control characters but copies other bytes as given:
// invalid UTF-8 is replaced first, so the output is JSON any decoder reads.
void write_string(json_writer& writer, std::string_view key, std::string_view value) {
  write_key(writer, key);
  std::string scratch;
  const std::string_view safe = valid_utf8(value, scratch);
  writer.String(safe.data(), static_cast<rapidjson::SizeType>(safe.size()));
}

// Our buckets, re-bucketed the way Locust rounds response times. The mapping is
// monotonic, so equal Locust buckets are adjacent and can be summed on the fly.
void write_response_times(json_writer& writer, const stats::latency_histogram& histogram) {
  write_key(writer, "response_times");
  writer.StartObject();
  bool have_pending = false;
  std::int64_t pending_bucket = 0;
  std::uint64_t pending_count = 0;
  const auto flush = [&] {
    if (!have_pending) return;
    write_key(writer, std::to_string(pending_bucket));
    writer.Uint64(pending_count);
  };
  histogram.for_each_bucket([&](std::uint64_t representative_ns, std::uint64_t count) {
    const std::int64_t bucket = locust_bucket_ms(static_cast<double>(representative_ns) / ns_per_ms);
    if (have_pending && bucket == pending_bucket) {
      pending_count += count;
      return;
    }
    flush();
    have_pending = true;
    pending_bucket = bucket;
    pending_count = count;
  });
  flush();
  writer.EndObject();
}

void write_per_second(json_writer& writer, std::string_view key, const stats::per_second_counts& counts) {
  write_key(writer, key);
  writer.StartObject();
  counts.for_each([&](std::int64_t epoch_second, std::uint64_t count) {
    write_key(writer, std::to_string(epoch_second));
    writer.Uint64(count);
  });
  writer.EndObject();
}

void write_percentiles(json_writer& writer, const stats::stats_entry& entry) {
  write_key(writer, "percentiles");
  writer.StartObject();
  for (const stats::reported_percentile& percentile : stats::percentiles_to_report) {
    write_key(writer, percentile.python_key);
    writer.Double(entry.percentile_ms(percentile.fraction));
  }
  writer.EndObject();
}

void write_entry(json_writer& writer, const stats::stats_entry& entry) {
  writer.StartObject();
  write_string(writer, "name", entry.name());
  write_string(writer, "method", entry.method());
  write_key(writer, "last_request_timestamp");
  writer.Double(entry.last_request_timestamp());
  write_key(writer, "start_time");
  writer.Double(entry.start_time());
  write_key(writer, "num_requests");
  writer.Uint64(entry.num_requests());
  write_key(writer, "num_none_requests");
  writer.Uint64(0);  // every request has a response time here
  write_key(writer, "num_failures");
  writer.Uint64(entry.num_failures());
  write_key(writer, "total_response_time");
  writer.Double(entry.total_response_time_ms());
  write_key(writer, "max_response_time");
  writer.Double(entry.max_response_time_ms());
  write_key(writer, "min_response_time");
  writer.Double(entry.min_response_time_ms());
  write_key(writer, "total_content_length");
  writer.Uint64(entry.total_content_length());
  write_response_times(writer, entry.histogram());
  write_per_second(writer, "num_reqs_per_sec", entry.requests_per_second());
  write_per_second(writer, "num_fail_per_sec", entry.failures_per_second());
  write_percentiles(writer, entry);
  writer.EndObject();
}

}  // namespace

std::string stats_json(const stats::stats_registry& registry) {
  rapidjson::StringBuffer buffer;
  json_writer writer(buffer);
  writer.SetIndent(' ', 4);
  writer.StartArray();
  for (const stats::stats_entry* entry : registry.sorted_entries()) {
    // Locust skips entries with neither requests nor failures.
    if (entry->num_requests() != 0 || entry->num_failures() != 0) write_entry(writer, *entry);
  }
  writer.EndArray();
  return std::string{buffer.GetString(), buffer.GetSize()};
}

}  // namespace locustpp::report
