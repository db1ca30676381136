// StatsEntryDict out and in (see stats_wire.hpp).
#include "cluster/stats_wire.hpp"

#include <fmt/format.h>
#include <openssl/sha.h>

#include <cmath>
#include <limits>
#include <map>
#include <vector>

#include "report/locust_buckets.hpp"

namespace locustpp::cluster {
namespace {

using locustpp::value;
using stats::latency_histogram;
using stats::request_accumulator;

constexpr double ns_per_ms = 1e6;

value per_second_map(const request_accumulator& counters, bool failures) {
  value seconds = value::map();
  for (const stats::second_tally& tally : counters.per_second()) {
    std::uint64_t count = failures ? tally.failures : tally.requests;
    if (count != 0) seconds.set(tally.epoch_second, count);
  }
  return seconds;
}

// Locust's StatsEntryDict (all 14 keys: 2.12.1 reads every one) plus our histogram.
value entry_dict(std::string_view name, std::string_view method, const request_accumulator& counters,
                 double start_epoch) {
  const latency_histogram& times = counters.histogram();
  std::map<std::int64_t, std::uint64_t> locust_buckets;
  value exact_buckets = value::array();
  times.for_each_bucket_count([&](std::size_t index, std::uint64_t count) { exact_buckets.push(index).push(count); });
  times.for_each_bucket([&](std::uint64_t representative_ns, std::uint64_t count) {
    locust_buckets[report::locust_bucket_ms(static_cast<double>(representative_ns) / ns_per_ms)] += count;
  });
  value response_times = value::map();
  for (const auto& [bucket, count] : locust_buckets) response_times.set(bucket, count);
  bool any = times.count() != 0;
  return value::map()
      .set("name", name)
      .set("method", method)
      .set("last_request_timestamp", any ? value(counters.last_end_epoch()) : value())
      .set("start_time", any ? counters.first_start_epoch() : start_epoch)
      .set("num_requests", times.count())
      .set("num_none_requests", 0)
      .set("num_failures", counters.num_failures())
      .set("total_response_time", static_cast<double>(times.sum_ns()) / ns_per_ms)
      .set("max_response_time", static_cast<double>(times.max_ns()) / ns_per_ms)
      .set("min_response_time", any ? value(static_cast<double>(times.min_ns()) / ns_per_ms) : value())
      .set("total_content_length", counters.total_content_length())
      .set("response_times", std::move(response_times))
      .set("num_reqs_per_sec", per_second_map(counters, false))
      .set("num_fail_per_sec", per_second_map(counters, true))
      .set("locustpp_histogram", value::map()
                                     .set("buckets", std::move(exact_buckets))
                                     .set("sum_ns", times.sum_ns())
                                     .set("min_ns", times.min_ns())
                                     .set("max_ns", times.max_ns()));
}

// Python's repr() of a str, as far as the key needs it: quotes chosen as
// Python chooses them, backslashes and control characters escaped.
std::string python_repr(std::string_view text) {
  bool has_single = text.find('\'') != std::string_view::npos;
  bool has_double = text.find('"') != std::string_view::npos;
  char quote = has_single && !has_double ? '"' : '\'';
  std::string out(1, quote);
  for (char c : text) {
    if (c == quote || c == '\\') {
      out += '\\';
      out += c;
    } else if (c == '\n') {
      out += "\\n";
    } else if (c == '\r') {
      out += "\\r";
    } else if (c == '\t') {
      out += "\\t";
    } else if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f) {
      out += fmt::format("\\x{:02x}", static_cast<unsigned char>(c));
    } else {
      out += c;
    }
  }
  return out + quote;
}

// ---- reading ---------------------------------------------------------------------

bool is_count(const value& item) {
  return (item.type() == value::kind::integer && item.integer() >= 0) || item.type() == value::kind::unsigned_integer;
}
bool is_time(const value& item) {
  return item.is_number() && std::isfinite(item.number()) && item.number() >= 0;
}
std::uint64_t ns_of_ms(double ms) {
  double ns = ms * ns_per_ms;
  return ns >= 1.8e19 ? std::numeric_limits<std::uint64_t>::max() : static_cast<std::uint64_t>(std::llround(ns));
}

// The histogram of an entry: our exact one when sent, else Locust's buckets.
std::string read_histogram(const value& entry, std::uint64_t requests, latency_histogram& times) {
  if (const value* exact = entry.find("locustpp_histogram"); exact != nullptr && exact->is_map()) {
    const value& buckets = (*exact)["buckets"];
    if (!buckets.is_array() || buckets.size() % 2 != 0) return "locustpp_histogram.buckets is not a list of pairs";
    std::uint64_t counted = 0;
    for (std::size_t i = 0; i < buckets.size(); i += 2) {
      const value& index = buckets.items()[i];
      const value& count = buckets.items()[i + 1];
      if (!is_count(index) || index.unsigned_integer() >= latency_histogram::bucket_count || !is_count(count)) {
        return "locustpp_histogram.buckets has an index or count out of range";
      }
      counted += count.unsigned_integer();
    }
    if (counted != requests) return fmt::format("a histogram of {} values for {} requests", counted, requests);
    for (std::size_t i = 0; i < buckets.size(); i += 2) {
      times.add_to_bucket(buckets.items()[i].unsigned_integer(), buckets.items()[i + 1].unsigned_integer());
    }
    times.restore_totals(requests, (*exact)["sum_ns"].unsigned_integer(), (*exact)["min_ns"].unsigned_integer(),
                         (*exact)["max_ns"].unsigned_integer());
    return "";
  }
  const value& response_times = entry["response_times"];
  if (!response_times.is_map()) return "response_times is not a map";
  std::uint64_t counted = 0;
  for (const auto& [bucket, count] : response_times.entries()) {
    if (!is_time(bucket) || !is_count(count)) return "response_times has a key or count that is not a number >= 0";
    counted += count.unsigned_integer();
  }
  if (counted != requests) return fmt::format("response_times holds {} values for {} requests", counted, requests);
  for (const auto& [bucket, count] : response_times.entries()) {
    times.add_to_bucket(latency_histogram::bucket_index(ns_of_ms(bucket.number())), count.unsigned_integer());
  }
  const value& min = entry["min_response_time"];
  times.restore_totals(requests, ns_of_ms(entry["total_response_time"].number()),
                       is_time(min) ? ns_of_ms(min.number()) : 0, ns_of_ms(entry["max_response_time"].number()));
  return "";
}

std::string read_seconds(const value& seconds, bool failures, std::vector<stats::second_tally>& tallies) {
  if (seconds.is_nil()) return "";
  if (!seconds.is_map()) return failures ? "num_fail_per_sec is not a map" : "num_reqs_per_sec is not a map";
  for (const auto& [second, count] : seconds.entries()) {
    if (!second.is_number() || !is_count(count)) return "a per-second count that is not a number";
    auto epoch_second = static_cast<std::int64_t>(std::floor(second.number()));
    auto it = std::find_if(tallies.begin(), tallies.end(),
                           [&](const stats::second_tally& tally) { return tally.epoch_second == epoch_second; });
    if (it == tallies.end()) it = tallies.insert(tallies.end(), stats::second_tally{epoch_second, 0, 0});
    (failures ? it->failures : it->requests) += count.unsigned_integer();
  }
  return "";
}

struct read_entry {
  std::string name, method;
  latency_histogram times;
  std::uint64_t failures = 0, content_length = 0;
  double first_start = 0, last_end = 0;
  std::vector<stats::second_tally> seconds;
};

std::string read_entry_dict(const value& entry, read_entry& out) {
  if (!entry.is_map()) return "a stats entry is not a map";
  const value &name = entry["name"], &method = entry["method"];
  if (!name.is_string() || !(method.is_string() || method.is_nil())) return "a stats entry without a name and method";
  out.name = name.text();
  out.method = method.text();
  const value &requests = entry["num_requests"], &failures = entry["num_failures"];
  if (!is_count(requests) || !(failures.is_nil() || is_count(failures))) {
    return fmt::format("'{}': num_requests or num_failures is not a count", out.name);
  }
  out.failures = failures.unsigned_integer();
  const value& content = entry["total_content_length"];
  out.content_length = is_count(content) ? content.unsigned_integer() : 0;
  out.first_start = entry["start_time"].number();
  const value& last = entry["last_request_timestamp"];
  out.last_end = is_time(last) ? last.number() : out.first_start;
  if (std::string problem = read_histogram(entry, requests.unsigned_integer(), out.times); !problem.empty()) {
    return fmt::format("'{}': {}", out.name, problem);
  }
  if (std::string problem = read_seconds(entry["num_reqs_per_sec"], false, out.seconds); !problem.empty()) {
    return problem;
  }
  return read_seconds(entry["num_fail_per_sec"], true, out.seconds);
}

}  // namespace

value report_of(const stats::stats_shard& span, double start_epoch) {
  value entries = value::array();
  request_accumulator total;
  span.for_each_entry([&](std::string_view name, std::string_view method, const request_accumulator& counters) {
    entries.push(entry_dict(name, method, counters, start_epoch));
    total.absorb(counters);
  });
  value errors = value::map();
  span.for_each_failure(
      [&](std::string_view method, std::string_view name, std::string_view error, const stats::failure_tally& tally) {
        errors.set(error_key(method, name, error), value::map()
                                                       .set("name", name)
                                                       .set("method", method)
                                                       .set("error", error)
                                                       .set("occurrences", tally.occurrences)
                                                       .set("first_seen", tally.first_seen)
                                                       .set("last_seen", tally.last_seen));
      });
  value exceptions = value::array();
  span.for_each_exception([&](std::string_view message, const stats::exception_tally& tally) {
    exceptions.push(value::map().set("msg", message).set("traceback", tally.traceback).set("count", tally.count));
  });
  return value::map()
      .set("stats", std::move(entries))
      .set("stats_total", entry_dict("Aggregated", "", total, start_epoch))
      .set("errors", std::move(errors))
      .set("locustpp_exceptions", std::move(exceptions));
}

std::string read_report(const value& report, stats::stats_shard& into) {
  if (!report.is_map()) return "the report is not a map";
  const value& entries = report["stats"];
  if (!entries.is_array()) return "the report has no 'stats' list";
  std::vector<read_entry> read(entries.size());
  for (std::size_t i = 0; i < entries.size(); ++i) {
    if (std::string problem = read_entry_dict(entries.items()[i], read[i]); !problem.empty()) return problem;
  }
  const value& errors = report["errors"];
  if (!errors.is_nil() && !errors.is_map()) return "'errors' is not a map";
  for (const auto& [key, error] : errors.entries()) {
    if (!error.is_map() || !error["name"].is_string() || !error["error"].is_string() ||
        !is_count(error["occurrences"])) {
      return "an error without name, error and occurrences";
    }
  }
  const value& exceptions = report["locustpp_exceptions"];
  for (const value& exception : exceptions.items()) {
    if (!exception["msg"].is_string() || !is_count(exception["count"])) return "an exception without msg and count";
  }

  // Everything checked: now add.
  for (read_entry& entry : read) {
    into.entry(entry.name, entry.method)
        .absorb(entry.times, entry.failures, entry.content_length, entry.first_start, entry.last_end, entry.seconds);
  }
  for (const auto& [key, error] : errors.entries()) {
    const value &first = error["first_seen"], &last = error["last_seen"];
    stats::failure_tally tally{error["occurrences"].unsigned_integer(), is_time(first) ? first.number() : 0,
                               is_time(last) ? last.number() : 0};
    into.add_failures(error["method"].text(), error["name"].text(), error["error"].text(), tally);
  }
  for (const value& exception : exceptions.items()) {
    into.add_exceptions(exception["msg"].text(), stats::exception_tally{exception["count"].unsigned_integer(),
                                                                        std::string(exception["traceback"].text())});
  }
  return "";
}

std::string error_key(std::string_view method, std::string_view name, std::string_view error) {
  std::string text = fmt::format("{}.{}.{}", method, name, python_repr(error));
  unsigned char digest[SHA256_DIGEST_LENGTH];
  SHA256(reinterpret_cast<const unsigned char*>(text.data()), text.size(), digest);
  std::string hex;
  for (unsigned char byte : digest) hex += fmt::format("{:02x}", byte);
  return hex;
}

}  // namespace locustpp::cluster
