// What one worker thread accumulates between two merges into the stats_registry.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>

#include "stats/composite_key.hpp"
#include "stats/request_accumulator.hpp"
#include "stats/request_sample.hpp"

namespace locustpp::stats {

// Failures of one (method, name, folded error) within the shard's span.
struct failure_tally {
  std::uint64_t occurrences = 0;
  double first_seen = 0.0;  // epoch seconds (completion time of the first occurrence)
  double last_seen = 0.0;   // epoch seconds
};

// User-code exceptions of one message within the shard's span.
struct exception_tally {
  std::uint64_t count = 0;
  std::string traceback;  // the first one seen
};

// Thread rules: not thread-safe. One worker thread owns it and records into it; about
// once a second it is handed to the control thread, merged (stats_registry::merge),
// then cleared and handed back. In steady state nothing allocates: a request whose
// (name, method) and, on failure, (method, name, folded error) were seen before reuses
// the entries kept across clear() (see max_retained_* for when they are not kept).
class stats_shard {
 public:
  // Entries kept across clear() above these sizes are dropped instead, so that a run
  // with unbounded names or error texts does not keep growing every shard.
  static constexpr std::size_t max_retained_entries = 1024;
  static constexpr std::size_t max_retained_failures = 256;
  static constexpr std::size_t max_retained_exceptions = 64;

  stats_shard() = default;
  // Not copyable: the last-hit cache points into the entry map's nodes. Moving hands the
  // nodes over, so the cache moves with them and the moved-from shard forgets it.
  stats_shard(const stats_shard&) = delete;
  stats_shard& operator=(const stats_shard&) = delete;
  stats_shard(stats_shard&& other) noexcept;
  stats_shard& operator=(stats_shard&& other) noexcept;
  ~stats_shard() = default;

  void record(const request_sample& sample);
  void record_exception(std::string_view message, std::string_view traceback);
  void clear() noexcept;  // zero everything, keep entries and capacity for reuse

  // Adds everything another shard holds (the threads' shards of one process
  // summed for its report to a master).
  void absorb(const stats_shard& other);
  // The parts of a report from another process (see cluster/stats_wire).
  request_accumulator& entry(std::string_view name, std::string_view method) { return accumulator_for(name, method); }
  void add_failures(std::string_view method, std::string_view name, std::string_view folded_error,
                    const failure_tally& tally);
  void add_exceptions(std::string_view message, const exception_tally& tally);
  bool empty() const noexcept { return num_requests_ == 0 && num_exceptions_ == 0; }

  std::uint64_t num_requests() const noexcept { return num_requests_; }

  // Visitors for the merge (control thread, while the worker does not touch the shard).
  // Entries, failures and exceptions left zeroed by clear() are skipped.
  // fn(std::string_view name, std::string_view method, const request_accumulator&)
  template <class Fn>
  void for_each_entry(Fn&& fn) const {
    for (const auto& [key, accumulator] : entries_) {
      if (accumulator.num_requests() != 0) fn(key.parts[0], key.parts[1], accumulator);
    }
  }
  // fn(std::string_view method, std::string_view name, std::string_view folded_error, const failure_tally&)
  template <class Fn>
  void for_each_failure(Fn&& fn) const {
    for (const auto& [key, tally] : failures_) {
      if (tally.occurrences != 0) fn(key.parts[0], key.parts[1], key.parts[2], tally);
    }
  }
  // fn(std::string_view message, const exception_tally&)
  template <class Fn>
  void for_each_exception(Fn&& fn) const {
    for (const auto& [message, tally] : exceptions_) {
      if (tally.count != 0) fn(std::string_view{message}, tally);
    }
  }

 private:
  void record_failure(const request_sample& sample, double end_epoch);
  request_accumulator& accumulator_for(std::string_view name, std::string_view method);

  // keyed {name, method}
  std::unordered_map<composite_key<2>, request_accumulator, composite_key_hash, composite_key_equal> entries_;
  // keyed {method, name, folded error}
  std::unordered_map<composite_key<3>, failure_tally, composite_key_hash, composite_key_equal> failures_;
  std::unordered_map<std::string, exception_tally, string_hash, std::equal_to<>> exceptions_;
  std::string folded_error_scratch_;  // reused by fold_hex_addresses
  // The entry hit last: workers mostly repeat a name, and two short compares beat hashing.
  // The views point at the key strings inside entries_ (node-based, so they stay put).
  const composite_key<2>* last_key_ = nullptr;
  request_accumulator* last_accumulator_ = nullptr;
  std::uint64_t num_requests_ = 0;
  std::uint64_t num_exceptions_ = 0;
};

}  // namespace locustpp::stats
