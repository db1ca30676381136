// Statistics that cross processes (DESIGN §5a, issue 8 §2). A worker's
// report holds what its threads recorded since the last report (a
// stats_shard: deltas), in Locust's StatsEntryDict form, so that a Python
// Locust master reads it, plus the exact histogram and the exception counts
// in extra keys that Locust ignores, so that a locustpp master keeps
// percentiles exact to 1%. A master rebuilds a shard from each report and
// merges it with the same stats_registry::merge that merges worker threads.
#pragma once

#include <string>

#include "locustpp/value.hpp"
#include "stats/stats_shard.hpp"

namespace locustpp::cluster {

// {"stats": [...], "stats_total": {...}, "errors": {...}, "locustpp_exceptions": [...]}.
// The caller adds user_classes_count, user_count and listeners' keys.
// `start_epoch`: when the span began (stats_total's start_time when empty).
locustpp::value report_of(const stats::stats_shard& span, double start_epoch);

// Adds the statistics of a report (ours, or any Locust worker's) to `into`.
// Returns "" or what is wrong with the report; nothing is added then. Every
// size and shape is checked: the report comes from another process.
std::string read_report(const locustpp::value& report, stats::stats_shard& into);

// Locust's key of an error: sha256 of "method.name.repr(error)" in hex, so
// that the same failure from our workers and Python workers merges.
std::string error_key(std::string_view method, std::string_view name, std::string_view error);

}  // namespace locustpp::cluster
