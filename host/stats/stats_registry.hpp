// The run's cumulative statistics on the control thread: request entries, Aggregated, errors, exceptions.
#pragma once

#include <cstddef>
#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "stats/composite_key.hpp"
#include "stats/recent_window.hpp"
#include "stats/stats_entry.hpp"
#include "stats/stats_shard.hpp"

namespace locustpp::stats {

// Locust's StatsError: failures grouped by (method, name, error with addresses folded).
struct error_entry {
  std::string method, name, error;  // error: the text with hex addresses folded to "0x...."
  std::uint64_t occurrences = 0;
  double first_seen = 0.0;  // epoch seconds
  double last_seen = 0.0;   // epoch seconds
};

// User-code exceptions grouped by message (Locust's runner.exceptions rows).
struct exception_entry {
  std::string message, traceback;  // traceback: the first one seen
  std::uint64_t count = 0;
  std::vector<std::string> nodes;  // where it happened ("local", or worker ids), first-seen order
};

// Thread rules: control thread only. Workers never touch it; their shards are merged in.
// References and pointers returned by the accessors (total() included) stay valid until
// reset() or destruction; merge() only adds entries. Movable, not copyable; a moved-from
// registry may only be assigned to or destroyed.
class stats_registry {
 public:
  stats_registry();                             // run start = now
  explicit stats_registry(double start_epoch);  // run start given (tests, replays)

  // Adds a shard into its entries, the Aggregated total, errors and exceptions.
  // `node` names where the shard's exceptions happened, for exception_entry::nodes.
  void merge(const stats_shard& shard, std::string_view node = "local");

  // Keeps the last seconds' latencies for current_percentile_ms (off by default: the
  // web UI and --csv-full-history need it, a headless run does not pay for it).
  void keep_recent_window(bool keep);
  // The percentile (ms) of `entry`'s requests merged in the 10 s before now_epoch
  // (Locust's current percentiles); nullopt without the window or without requests.
  std::optional<double> current_percentile_ms(const stats_entry& entry, double fraction, double now_epoch) const;

  const stats_entry& total() const noexcept { return *total_; }
  // Entry for (name, method), or nullptr.
  const stats_entry* find(std::string_view name, std::string_view method) const;
  std::size_t entry_count() const noexcept { return entries_.size(); }  // request entries, Aggregated not counted
  std::vector<const stats_entry*> sorted_entries() const;               // by (name, method); no Aggregated
  std::vector<const error_entry*> sorted_errors() const;                // occurrences desc, then (method, name, error)
  std::vector<const exception_entry*> sorted_exceptions() const;        // count desc, then message

  // Clears all stats, errors and exceptions; entries are removed (Locust's clear_all).
  void reset();                    // run start = now
  void reset(double start_epoch);  // run start given

  // True if any request failed or any user exception was logged: what turns Locust's
  // exit code into --exit-code-on-error.
  bool has_failures() const noexcept { return total_->num_failures() != 0 || !exceptions_.empty(); }

 private:
  stats_entry& entry_for(std::string_view name, std::string_view method, double first_start_epoch);

  // total_ lives on the heap so that entries can point at it and the registry can still move.
  std::unique_ptr<stats_entry> total_;
  std::map<composite_key<2>, std::unique_ptr<stats_entry>, composite_key_less> entries_;  // {name, method}
  std::map<composite_key<3>, error_entry, composite_key_less> errors_;  // {method, name, folded error}
  std::map<std::string, exception_entry, std::less<>> exceptions_;      // by message
  std::unique_ptr<recent_window> recent_;                               // null unless kept
};

}  // namespace locustpp::stats
