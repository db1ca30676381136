// Where a master's users run: on its workers (DESIGN §5a, "a master is a
// controller whose user pools are workers"). The controller keeps the test's
// state machine, run time, load shape, events and outputs; the remote side
// (cluster::master_node) dispatches users to workers at the global spawn rate
// and reports back through controller::remote_progress / remote_users_stopped.
//
// Thread rules: control thread only.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "runtime/class_picker.hpp"
#include "runtime/config_users.hpp"

namespace locustpp::control {

// One worker as a master sees it (the web UI's Workers tab).
struct worker_summary {
  std::string id;
  std::uint32_t index = 0;
  std::string state;         // ready, spawning, running, stopping, stopped, missing
  std::uint64_t users = 0;   // as it last reported
  double cpu_percent = 0;    // of one core
  std::uint64_t memory = 0;  // resident bytes
};

class remote_users {
 public:
  virtual ~remote_users() = default;
  // "" when a test can start now, or why not (no worker connected).
  virtual std::string can_start() const = 0;
  // Move towards `users` users at `rate` per second, spread over the
  // classes by `shares` (only the `allowed` ones, when not empty).
  virtual void ramp(std::size_t users, double rate, const std::vector<runtime::class_share>& shares,
                    const std::vector<bool>& allowed) = 0;
  // Stop every worker's users; controller::remote_users_stopped() follows.
  virtual void stop() = 0;
  // Tell the workers to quit and call `done` once they have sent their last
  // reports (or after a bounded wait).
  virtual void quit(std::function<void()> done) = 0;
  // Users running on the workers, per class (plan order), as they reported.
  virtual std::vector<std::uint64_t> users_per_class() const = 0;
  virtual std::vector<worker_summary> workers() const = 0;
  // A class changed (Locust's /user): the workers change theirs alike.
  virtual void class_updated(const runtime::class_settings& settings) = 0;
};

}  // namespace locustpp::control
