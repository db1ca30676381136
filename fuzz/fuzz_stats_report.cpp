// A worker's report as a master reads it (cluster/stats_wire read_report):
// the data of a "stats" message, decoded within that type's limits, read
// into a shard and merged into the run's statistics, which are then read as
// the console, the CSV and the web UI read them. Checks that what a master
// accepts it can also send on (report_of of what it read is accepted
// again), and that no number it shows is NaN.
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <optional>
#include <string>
#include <string_view>

#include "cluster/message_limits.hpp"
#include "cluster/stats_wire.hpp"
#include "locustpp/value.hpp"
#include "stats/stats_registry.hpp"
#include "stats/stats_shard.hpp"

#include "fuzz_require.hpp"

namespace {

using namespace locustpp;

constexpr double run_start = 1'767'225'600.0;  // epoch seconds: a fixed clock, so that a crash replays

void read_like_the_outputs(const stats::stats_entry& entry) {
  for (const double shown :
       {entry.total_response_time_ms(), entry.avg_response_time_ms(), entry.min_response_time_ms(),
        entry.max_response_time_ms(), entry.percentile_ms(0.5), entry.percentile_ms(0.95), entry.percentile_ms(1.0),
        entry.avg_content_length(), entry.fail_ratio(), entry.total_rps(), entry.total_fail_per_sec(),
        entry.current_rps(run_start + 60), entry.current_fail_per_sec(run_start + 60)}) {
    FUZZ_REQUIRE(!std::isnan(shown));
  }
  FUZZ_REQUIRE(entry.num_failures() <= entry.num_requests());
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view bytes(reinterpret_cast<const char*>(data), size);
  const cluster::message_limits limits = cluster::limits_for("stats", cluster::message_direction::to_master, false);
  decode_limits decoding;
  decoding.max_values = limits.max_values;
  std::optional<value> report = decode(bytes, nullptr, decoding);
  if (!report) return 0;

  stats::stats_shard shard;
  if (!cluster::read_report(*report, shard).empty()) return 0;
  stats::stats_registry registry(run_start);
  registry.keep_recent_window(true);
  registry.merge(shard, "worker_1");
  read_like_the_outputs(registry.total());
  for (const stats::stats_entry* entry : registry.sorted_entries()) read_like_the_outputs(*entry);
  for (const stats::error_entry* error : registry.sorted_errors()) FUZZ_REQUIRE(error->occurrences > 0);
  (void)registry.sorted_exceptions();
  (void)registry.current_percentile_ms(registry.total(), 0.95, run_start + 60);

  // What was accepted goes out again (a master's own report_of) and is accepted again.
  stats::stats_shard again;
  const std::string problem = cluster::read_report(cluster::report_of(shard, run_start), again);
  if (!problem.empty()) {
    std::fprintf(stderr, "our own report of an accepted one was refused: %s\n", problem.c_str());
    std::abort();
  }
  stats::stats_registry registry_again(run_start);
  registry_again.merge(again, "worker_1");
  FUZZ_REQUIRE(registry_again.total().num_requests() == registry.total().num_requests());
  FUZZ_REQUIRE(registry_again.total().num_failures() == registry.total().num_failures());
  return 0;
}
