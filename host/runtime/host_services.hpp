// The host service table handed to every module (locustpp_host_api), and
// the process-wide state behind it. Created once by main before modules
// load; lives until the process ends.
#pragma once

#include <atomic>
#include <climits>
#include <functional>
#include <map>
#include <string>
#include <vector>

#include "locustpp/abi/host.h"

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
};

// Installs `state` as the one the table serves and returns the table.
const locustpp_host_api& install_host_services(host_state& state);

}  // namespace locustpp::runtime
