// The host service table handed to every module (locustpp_host_api), and
// the process-wide state behind it. Created once by main before modules
// load; lives until the process ends, like everything it refers to, so a
// service called from any thread at any time finds it valid.
#pragma once

#include <atomic>
#include <climits>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "locustpp/abi/host.h"
#include "runtime/control_loop.hpp"
#include "runtime/live_stats.hpp"
#include "runtime/option_board.hpp"

namespace locustpp::runtime {

class event_bus;

// What plugin code may ask of the test while it runs. Implemented by the
// runner; called on the control thread only.
class run_control {
 public:
  virtual ~run_control() = default;
  virtual void stop_requested() = 0;  // StopTest, runner.stop()
  virtual void quit_requested() = 0;  // runner.quit()
};

struct host_state {
  host_state(control_loop& control_thread, event_bus& event_listeners)
      : control(control_thread), events(event_listeners) {}

  // Parsed option values by name without dashes, as text (any thread reads).
  option_board options;
  std::atomic<std::uint32_t> runner_state{LOCUSTPP_STATE_READY};
  std::atomic<std::uint32_t> runner_kind{LOCUSTPP_RUNNER_LOCAL};  // set once before modules' init listeners run
  std::atomic<std::uint32_t> worker_index{0};                     // a worker's index from the master's ack
  std::atomic<int> exit_code_override{INT_MIN};                   // INT_MIN = not set
  std::atomic<std::uint64_t> user_count{0};
  live_stats stats;       // the run's statistics; any thread
  control_loop& control;  // reaches the control thread from any thread
  event_bus& events;
  run_control* runner = nullptr;  // the test being run, if any; control thread only
  // Extension tables by id (get_extension), set before modules load and
  // never changed afterwards (any thread reads).
  std::map<std::string, const void*, std::less<>> extensions;
};

// Installs `state` as the one the table serves and returns the table.
const locustpp_host_api& install_host_services(host_state& state);

}  // namespace locustpp::runtime
