// One finished request as a worker thread reports it to its stats_shard.
#pragma once

#include <cstdint>
#include <string_view>

namespace locustpp::stats {

// A borrowed view of one request's outcome. The views only need to live for the
// stats_shard::record() call; the shard copies what it keeps.
struct request_sample {
  std::string_view method;         // Locust's request_type, e.g. "GET"; half of the stats key
  std::string_view name;           // the stats label; the other half of the stats key
  std::uint64_t response_time_ns;  // duration in nanoseconds (failures included in the stats, as in Locust)
  std::uint64_t response_length;   // response body size in bytes
  double start_time;               // epoch seconds when the request was sent
  std::string_view error;          // empty = success; otherwise the failure text
};

}  // namespace locustpp::stats
