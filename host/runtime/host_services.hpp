// The host service table handed to every module (locustpp_host_api), and
// the process-wide state behind it. Created once by main before modules
// load; lives until the process ends.
#pragma once

#include <atomic>
#include <climits>
#include <functional>
#include <map>
#include <string_view>
#include <string>
#include <vector>

#include "locustpp/abi/host.h"
#include "stats/request_sample.hpp"

namespace locustpp::runtime {

struct host_state {
  // Parsed option values by name without dashes, as text. Filled before
  // the test starts and never changed afterwards (so any thread may read).
  std::map<std::string, std::vector<std::string>, std::less<>> option_values;
  std::atomic<std::uint32_t> runner_state{LOCUSTPP_STATE_READY};
  // Thread-safe requests to the runner (set once the runner exists).
  std::function<void()> request_stop;
  std::function<void()> request_quit;
  std::atomic<int> exit_code_override{INT_MIN};  // INT_MIN = not set
  std::atomic<std::uint64_t> user_count{0};
  // Live statistics, thread-safe (set once the runner exists): the view of
  // an entry (empty name: Aggregated), and a percentile in ms (NaN if none).
  std::function<bool(std::string_view name, std::string_view method, locustpp_stats_view& view)> read_stats;
  std::function<double(std::string_view name, std::string_view method, double fraction)> read_percentile;
  // Records a request reported off the worker threads (thread-safe).
  std::function<void(const stats::request_sample&)> record_off_thread;
  // Fires listeners for events raised off the worker threads.
  std::function<void(locustpp_event_kind, const void*)> fire_off_thread;
};

// Installs `state` as the one the table serves and returns the table.
const locustpp_host_api& install_host_services(host_state& state);

}  // namespace locustpp::runtime
