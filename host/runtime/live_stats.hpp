// The run's statistics registry, shared safely: the control thread merges
// and resets it (under the lock), plugin code on any thread reads entries
// and percentiles through host->stats() (under the lock). The control
// thread's own reads (console, CSV) need no lock: only it writes.
#pragma once

#include <mutex>
#include <string_view>

#include "locustpp/abi/host.h"
#include "stats/request_sample.hpp"
#include "stats/stats_registry.hpp"
#include "stats/stats_shard.hpp"

namespace locustpp::runtime {

class live_stats {
 public:
  const stats::stats_registry& registry() const noexcept { return registry_; }  // control thread only
  // `node`: where the shard's exceptions happened (a worker's id on a master).
  void merge(const stats::stats_shard& shard, std::string_view node = "local");
  // Requests that plugin code reports from threads without a shard (any
  // thread); merged with the next worker shard.
  void record_off_thread(const stats::request_sample& sample);
  void reset();
  // See stats_registry::keep_recent_window. Control thread.
  void keep_recent_window(bool keep);
  // Any thread. Empty name: Aggregated.
  bool read(std::string_view name, std::string_view method, locustpp_stats_view& view) const;
  double percentile(std::string_view name, std::string_view method, double fraction) const;

 private:
  const stats::stats_entry* find(std::string_view name, std::string_view method) const;
  mutable std::mutex lock_;
  stats::stats_registry registry_;
  stats::stats_shard off_thread_;  // guarded by lock_
};

}  // namespace locustpp::runtime
