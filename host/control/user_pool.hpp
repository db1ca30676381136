// Where a test's users run (DESIGN §5a, "a master is a controller whose user
// pools are workers"): the threads of this process (control::local_users)
// or a master's workers (cluster::master_node). The controller keeps the
// state machine, the ramp's pace, the run time, the load shape, the events
// and the outputs; the one dispatcher decides who runs what; a pool makes
// it so and tells the controller, through its pool_listener, how many users
// run and when they have all stopped.
//
// Thread rules: control thread only.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "control/dispatcher.hpp"
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

// What a pool tells the controller.
class pool_listener {
 public:
  virtual ~pool_listener() = default;
  // `users` run now; `target_reached` once the pool has made the last
  // dispatch of a ramp so (a remote pool: its workers confirmed it, or
  // their wait expired).
  virtual void pool_users(std::uint64_t users, bool target_reached) = 0;
  // Every user has stopped after stop() (or its executor is gone).
  virtual void pool_stopped() = 0;
  // The executors changed (workers joined or left): dispatch again.
  virtual void pool_changed(const std::string& why) = 0;
  // Every user ended by itself (-i/--iterations) and none will be replaced.
  virtual void pool_finished() = 0;
};

class user_pool {
 public:
  virtual ~user_pool() = default;
  // "" when a test can start now, or why not (no worker connected).
  virtual std::string can_start() const = 0;
  // How many executors the dispatcher splits users over (1 for this process).
  virtual std::size_t executors() const = 0;
  // The users become what `plan` says (absolute counts). `last`: the last
  // dispatch of a ramp; pool_users(..., true) follows.
  virtual void apply(const dispatcher& plan, bool last) = 0;
  // Stop every user; pool_stopped() follows.
  virtual void stop() = 0;
  // Stop waiting for users that do not stop (a second signal); pool_stopped() follows.
  virtual void give_up_stopping() = 0;
  // The process quits: `done` once the pool's last results are in (or after a bounded wait).
  virtual void quit(std::function<void()> done) = 0;
  // Users running, per class (plan order).
  virtual std::vector<std::uint64_t> users_per_class() const = 0;
  virtual std::vector<worker_summary> workers() const = 0;
  // A class changed (Locust's /user): executors that hold their own copy change it alike.
  virtual void class_updated(const runtime::class_settings& settings) = 0;
};

}  // namespace locustpp::control
