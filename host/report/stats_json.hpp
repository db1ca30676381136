// Locust's --json output (stats.serialize_stats()) for a registry, plus our exact percentiles.
#pragma once

#include <string>

#include "stats/stats_registry.hpp"

namespace locustpp::report {

// A JSON array (indent 4) with one object per request entry, Aggregated excluded, each
// holding Locust's StatsEntryDict keys: name, method, last_request_timestamp, start_time
// (epoch s), num_requests, num_none_requests (always 0), num_failures,
// total_response_time, max_response_time, min_response_time (ms), total_content_length
// (bytes), response_times {"<Locust bucket ms>": count}, num_reqs_per_sec and
// num_fail_per_sec {"<epoch s>": count}; plus "percentiles" {"0.5": ms, ... "1.0": ms},
// an extra key Locust ignores, with our histogram's values.
// Names and methods are valid UTF-8 (invalid bytes become U+FFFD, see text_safety.hpp).
// Unlike Locust's serialize_stats() it does not reset the stats. Control thread only.
std::string stats_json(const stats::stats_registry& registry);

}  // namespace locustpp::report
