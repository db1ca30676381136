// StatsEntryDict out and in (see stats_wire.hpp).
#include "cluster/stats_wire.hpp"

#include <fmt/format.h>
#include <openssl/sha.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>
#include <vector>

#include "report/locust_buckets.hpp"
#include "stats/saturating.hpp"

namespace locustpp::cluster {
namespace {

using locustpp::value;
using stats::latency_histogram;
using stats::request_accumulator;

constexpr double ns_per_ms = 1e6;

// No real report counts more than this of anything (a million requests a
// second for 30 years): a larger count is a peer's mistake or attack, and
// refusing it keeps every total far from wrapping.
constexpr std::uint64_t max_report_count = 1'000'000'000'000'000;
// A report covers the seconds since the last one (3 s, more when a worker
// was busy); the statistics keep an hour of seconds, so more than that in
// one entry of one report is refused rather than sorted in.
constexpr std::size_t max_seconds_per_entry = 3600;
// Response times beyond a year (in ms) are not times.
constexpr double max_time_ms = 365.0 * 24 * 3600 * 1000;

// Appends (key, item) to a map being built. The keys written here are
// distinct by construction, so this skips value::set's search for an
// existing key, which would make building a map quadratic in its size.
void put(value& map, value key, value item) {
  map.as_map().emplace_back(std::move(key), std::move(item));
}

value per_second_map(const request_accumulator& counters, bool failures) {
  value seconds = value::map();
  for (const stats::second_tally& tally : counters.per_second()) {
    std::uint64_t count = failures ? tally.failures : tally.requests;
    if (count != 0) put(seconds, tally.epoch_second, count);
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
  for (const auto& [bucket, count] : locust_buckets) put(response_times, bucket, count);
  bool any = times.count() != 0;
  value histogram = value::map();
  put(histogram, "buckets", std::move(exact_buckets));
  put(histogram, "sum_ns", times.sum_ns());
  put(histogram, "min_ns", times.min_ns());
  put(histogram, "max_ns", times.max_ns());
  value entry = value::map();
  put(entry, "name", name);
  put(entry, "method", method);
  put(entry, "last_request_timestamp", any ? value(counters.last_end_epoch()) : value());
  put(entry, "start_time", any ? counters.first_start_epoch() : start_epoch);
  put(entry, "num_requests", times.count());
  put(entry, "num_none_requests", 0);
  put(entry, "num_failures", counters.num_failures());
  put(entry, "total_response_time", static_cast<double>(times.sum_ns()) / ns_per_ms);
  put(entry, "max_response_time", static_cast<double>(times.max_ns()) / ns_per_ms);
  put(entry, "min_response_time", any ? value(static_cast<double>(times.min_ns()) / ns_per_ms) : value());
  put(entry, "total_content_length", counters.total_content_length());
  put(entry, "response_times", std::move(response_times));
  put(entry, "num_reqs_per_sec", per_second_map(counters, false));
  put(entry, "num_fail_per_sec", per_second_map(counters, true));
  put(entry, "locustpp_histogram", std::move(histogram));
  return entry;
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

// A whole number in [0, limit].
bool is_count(const value& item, std::uint64_t limit = max_report_count) {
  if (item.type() == value::kind::integer) return item.integer() >= 0 && item.unsigned_integer() <= limit;
  return item.type() == value::kind::unsigned_integer && item.unsigned_integer() <= limit;
}
// A finite number >= 0 (epoch seconds or milliseconds).
bool is_time(const value& item) {
  return item.is_number() && std::isfinite(item.number()) && item.number() >= 0;
}
bool is_duration_ms(const value& item) {
  return is_time(item) && item.number() <= max_time_ms;
}
std::uint64_t ns_of_ms(double ms) {
  double ns = ms * ns_per_ms;
  return ns >= 1.8e19 ? std::numeric_limits<std::uint64_t>::max() : static_cast<std::uint64_t>(std::llround(ns));
}

// The histogram of an entry: our exact one when sent, else Locust's buckets.
// Its values lie between the entry's min and max: a histogram is read only
// between them (latency_histogram), so a value outside would count in the
// total and in no percentile.
std::string read_histogram(const value& entry, std::uint64_t requests, latency_histogram& times) {
  if (const value* exact = entry.find("locustpp_histogram"); exact != nullptr && exact->is_map()) {
    const value &sum = (*exact)["sum_ns"], &min = (*exact)["min_ns"], &max = (*exact)["max_ns"];
    if (!is_count(sum, std::numeric_limits<std::uint64_t>::max()) ||
        !is_count(min, std::numeric_limits<std::uint64_t>::max()) ||
        !is_count(max, std::numeric_limits<std::uint64_t>::max()) ||
        (requests > 0 && min.unsigned_integer() > max.unsigned_integer())) {
      return "locustpp_histogram has no sum_ns, min_ns <= max_ns";
    }
    const value& buckets = (*exact)["buckets"];
    if (!buckets.is_array() || buckets.size() % 2 != 0) return "locustpp_histogram.buckets is not a list of pairs";
    const std::size_t lowest = latency_histogram::bucket_index(min.unsigned_integer());
    const std::size_t highest = latency_histogram::bucket_index(max.unsigned_integer());
    std::uint64_t counted = 0;
    for (std::size_t i = 0; i < buckets.size(); i += 2) {
      const value& index = buckets.items()[i];
      const value& count = buckets.items()[i + 1];
      if (!is_count(index, latency_histogram::bucket_count - 1) || !is_count(count, requests)) {
        return "locustpp_histogram.buckets has an index or count out of range";
      }
      if (count.unsigned_integer() > 0 && (index.unsigned_integer() < lowest || index.unsigned_integer() > highest)) {
        return "locustpp_histogram.buckets has values outside min_ns..max_ns";
      }
      counted = stats::saturating_add(counted, count.unsigned_integer());
    }
    if (counted != requests) return fmt::format("a histogram of {} values for {} requests", counted, requests);
    for (std::size_t i = 0; i < buckets.size(); i += 2) {
      times.add_to_bucket(buckets.items()[i].unsigned_integer(), buckets.items()[i + 1].unsigned_integer());
    }
    times.restore_totals(requests, sum.unsigned_integer(), min.unsigned_integer(), max.unsigned_integer());
    return "";
  }
  const value& response_times = entry["response_times"];
  if (!response_times.is_map()) return "response_times is not a map";
  std::uint64_t counted = 0;
  for (const auto& [bucket, count] : response_times.entries()) {
    if (!is_duration_ms(bucket) || !is_count(count, requests)) {
      return "response_times has a key or count that is not a number >= 0 in range";
    }
    counted = stats::saturating_add(counted, count.unsigned_integer());
  }
  if (counted != requests) return fmt::format("response_times holds {} values for {} requests", counted, requests);
  const value &total = entry["total_response_time"], &min = entry["min_response_time"],
              &max = entry["max_response_time"];
  if (!is_time(total) || !is_duration_ms(max) || !(min.is_nil() || is_duration_ms(min))) {
    return "total_response_time, min_response_time or max_response_time is not a time";
  }
  const std::uint64_t min_ns = min.is_nil() ? 0 : ns_of_ms(min.number()), max_ns = ns_of_ms(max.number());
  if (requests > 0 && min_ns > max_ns) return "min_response_time is above max_response_time";
  for (const auto& [bucket, count] : response_times.entries()) {
    // Locust rounds times above 100 ms to 10 ms and above 1 s to 100 ms, so
    // a bucket may lie just past the exact min or max: it counts there.
    const std::uint64_t ns = std::clamp(ns_of_ms(bucket.number()), min_ns, std::max(min_ns, max_ns));
    times.add_to_bucket(latency_histogram::bucket_index(ns), count.unsigned_integer());
  }
  times.restore_totals(requests, ns_of_ms(total.number()), min_ns, max_ns);
  return "";
}

// One of num_reqs_per_sec / num_fail_per_sec: counts that add up to at most
// `limit` (the entry's requests or failures: Locust counts each request in
// one second), at most an hour of seconds. The sum, not each count: seconds
// sent as 5 and 5.5 are one second here.
std::string read_seconds(const value& seconds, bool failures, std::uint64_t limit,
                         std::vector<stats::second_tally>& tallies) {
  const char* key = failures ? "num_fail_per_sec" : "num_reqs_per_sec";
  if (seconds.is_nil()) return "";
  if (!seconds.is_map()) return fmt::format("{} is not a map", key);
  if (seconds.size() > max_seconds_per_entry) {
    return fmt::format("{} holds {} seconds (at most {} in one report)", key, seconds.size(), max_seconds_per_entry);
  }
  std::uint64_t counted = 0;
  for (const auto& [second, count] : seconds.entries()) {
    if (!is_time(second) || !is_count(count, limit - counted)) {
      return fmt::format("{} has a second that is not a time, or counts that add up to more than {}", key, limit);
    }
    counted += count.unsigned_integer();
    auto epoch_second = static_cast<std::int64_t>(std::floor(std::min(second.number(), 9.0e18)));
    std::uint64_t number = count.unsigned_integer();
    tallies.push_back(stats::second_tally{epoch_second, failures ? 0 : number, failures ? number : 0});
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
    return fmt::format("'{}': num_requests or num_failures is not a count up to {}", out.name, max_report_count);
  }
  out.failures = failures.unsigned_integer();
  if (out.failures > requests.unsigned_integer()) {
    return fmt::format("'{}': {} failures for {} requests", out.name, out.failures, requests.unsigned_integer());
  }
  const value& content = entry["total_content_length"];
  if (!(content.is_nil() || is_count(content, std::numeric_limits<std::int64_t>::max()))) {
    return fmt::format("'{}': total_content_length is not a count", out.name);
  }
  out.content_length = content.unsigned_integer();
  const value &start = entry["start_time"], &last = entry["last_request_timestamp"];
  if (!is_time(start) || !(last.is_nil() || is_time(last))) {
    return fmt::format("'{}': start_time or last_request_timestamp is not a time", out.name);
  }
  out.first_start = start.number();
  out.last_end = last.is_nil() ? out.first_start : std::max(last.number(), out.first_start);
  if (std::string problem = read_histogram(entry, requests.unsigned_integer(), out.times); !problem.empty()) {
    return fmt::format("'{}': {}", out.name, problem);
  }
  if (std::string problem = read_seconds(entry["num_reqs_per_sec"], false, requests.unsigned_integer(), out.seconds);
      !problem.empty()) {
    return fmt::format("'{}': {}", out.name, problem);
  }
  if (std::string problem = read_seconds(entry["num_fail_per_sec"], true, out.failures, out.seconds);
      !problem.empty()) {
    return fmt::format("'{}': {}", out.name, problem);
  }
  return "";
}

bool is_optional_time(const value& item) {
  return item.is_nil() || is_time(item);
}

std::string check_errors(const value& errors) {
  if (!errors.is_nil() && !errors.is_map()) return "'errors' is not a map";
  for (const auto& [key, error] : errors.entries()) {
    if (!error.is_map() || !error["name"].is_string() || !error["error"].is_string() ||
        !(error["method"].is_string() || error["method"].is_nil()) || !is_count(error["occurrences"]) ||
        !is_optional_time(error["first_seen"]) || !is_optional_time(error["last_seen"])) {
      return fmt::format("an error without name, error and occurrences (a count up to {})", max_report_count);
    }
  }
  return "";
}

std::string check_exceptions(const value& exceptions) {
  if (!exceptions.is_nil() && !exceptions.is_array()) return "'locustpp_exceptions' is not a list";
  for (const value& exception : exceptions.items()) {
    if (!exception["msg"].is_string() || !is_count(exception["count"]) ||
        !(exception["traceback"].is_string() || exception["traceback"].is_nil())) {
      return "an exception without msg and count";
    }
  }
  return "";
}

}  // namespace

std::vector<value> report_pieces(const stats::stats_shard& span, double start_epoch, piece_sizes sizes) {
  sizes.entries = std::max<std::size_t>(sizes.entries, 1);
  sizes.errors = std::max<std::size_t>(sizes.errors, 1);
  std::vector<value> entry_lists, error_maps;
  std::vector<request_accumulator> totals;
  auto grow_to = [&](std::size_t piece) {
    while (entry_lists.size() <= piece) {
      entry_lists.push_back(value::array());
      error_maps.push_back(value::map());
      totals.emplace_back();
    }
  };
  grow_to(0);
  std::size_t entries = 0;
  span.for_each_entry([&](std::string_view name, std::string_view method, const request_accumulator& counters) {
    std::size_t piece = entries++ / sizes.entries;
    grow_to(piece);
    entry_lists[piece].push(entry_dict(name, method, counters, start_epoch));
    totals[piece].absorb(counters);
  });
  std::size_t errors = 0;
  span.for_each_failure(
      [&](std::string_view method, std::string_view name, std::string_view error, const stats::failure_tally& tally) {
        std::size_t piece = errors++ / sizes.errors;
        grow_to(piece);
        value dict = value::map();
        put(dict, "name", name);
        put(dict, "method", method);
        put(dict, "error", error);
        put(dict, "occurrences", tally.occurrences);
        put(dict, "first_seen", tally.first_seen);
        put(dict, "last_seen", tally.last_seen);
        put(error_maps[piece], error_key(method, name, error), std::move(dict));
      });
  value exceptions = value::array();
  span.for_each_exception([&](std::string_view message, const stats::exception_tally& tally) {
    value dict = value::map();
    put(dict, "msg", message);
    put(dict, "traceback", tally.traceback);
    put(dict, "count", tally.count);
    exceptions.push(std::move(dict));
  });
  std::vector<value> pieces;
  pieces.reserve(entry_lists.size());
  for (std::size_t i = 0; i < entry_lists.size(); ++i) {
    value piece = value::map();
    put(piece, "stats", std::move(entry_lists[i]));
    put(piece, "stats_total", entry_dict("Aggregated", "", totals[i], start_epoch));
    put(piece, "errors", std::move(error_maps[i]));
    put(piece, "locustpp_exceptions", i == 0 ? std::move(exceptions) : value::array());
    pieces.push_back(std::move(piece));
  }
  return pieces;
}

value report_of(const stats::stats_shard& span, double start_epoch) {
  constexpr std::size_t everything = std::numeric_limits<std::size_t>::max();
  return std::move(report_pieces(span, start_epoch, piece_sizes{everything, everything}).front());
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
  if (std::string problem = check_errors(errors); !problem.empty()) return problem;
  const value& exceptions = report["locustpp_exceptions"];
  if (std::string problem = check_exceptions(exceptions); !problem.empty()) return problem;

  // Everything checked: now add.
  for (read_entry& entry : read) {
    into.entry(entry.name, entry.method)
        .absorb(entry.times, entry.failures, entry.content_length, entry.first_start, entry.last_end, entry.seconds);
  }
  for (const auto& [key, error] : errors.entries()) {
    const value &first = error["first_seen"], &last = error["last_seen"];
    stats::failure_tally tally{error["occurrences"].unsigned_integer(), first.number(), last.number()};
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
  static constexpr char digits[] = "0123456789abcdef";
  std::string hex;
  hex.reserve(2 * SHA256_DIGEST_LENGTH);
  for (unsigned char byte : digest) {
    hex += digits[byte >> 4];
    hex += digits[byte & 0xf];
  }
  return hex;
}

}  // namespace locustpp::cluster
