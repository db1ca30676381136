// Statistics that cross processes (DESIGN §5a, issue 8 §2). A worker's
// report holds what its threads recorded since the last report (a
// stats_shard: deltas), in Locust's StatsEntryDict form, so that a Python
// Locust master reads it, plus the exact histogram and the exception counts
// in extra keys that Locust ignores, so that a locustpp master keeps
// percentiles exact to 1%. A master rebuilds a shard from each report and
// merges it with the same stats_registry::merge that merges worker threads.
//
// Reports can be large (thousands of names, each failing with its own
// error), so building and reading them is linear in their size, and a large
// report travels in pieces: each piece is a whole report of some of the
// entries and errors (its stats_total their sum), which any Locust master
// merges like any other report, and no message grows without bound.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "locustpp/value.hpp"
#include "stats/stats_shard.hpp"

namespace locustpp::cluster {

// How many entries and errors go in one piece of a report (a few megabytes
// at most, whatever the span holds).
struct piece_sizes {
  std::size_t entries = 1000;
  std::size_t errors = 2000;
};

// The report of `span` in pieces: {"stats": [...], "stats_total": {...},
// "errors": {...}, "locustpp_exceptions": [...]} each; one piece unless the
// span holds more than `sizes` allow, and always at least one. The first
// piece carries the exceptions; the caller adds user_classes_count,
// user_count and listeners' keys. `start_epoch`: when the span began
// (stats_total's start_time when empty).
std::vector<locustpp::value> report_pieces(const stats::stats_shard& span, double start_epoch, piece_sizes sizes = {});
// The whole report in one piece (tests, and tools that want one message).
locustpp::value report_of(const stats::stats_shard& span, double start_epoch);

// Adds the statistics of a report (ours, or any Locust worker's) to `into`.
// Returns "" or what is wrong with the report; nothing is added then. Every
// size, shape and number is checked: the report comes from another process
// (failures above requests, counts beyond any real span, times that are
// not finite, more seconds than a report can cover are all refused).
std::string read_report(const locustpp::value& report, stats::stats_shard& into);

// Locust's key of an error: sha256 of "method.name.repr(error)" in hex, so
// that the same failure from our workers and Python workers merges.
std::string error_key(std::string_view method, std::string_view name, std::string_view error);

}  // namespace locustpp::cluster
