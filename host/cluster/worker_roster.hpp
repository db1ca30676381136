// A master's workers as it knows them (Locust's MasterRunner.clients): each
// one's stable index, state, liveness, the users it reported per class, and
// its CPU and memory. The master_node decides what to do; this keeps count.
//
// Thread rules: control thread only.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "control/remote_users.hpp"

namespace locustpp::cluster {

struct worker_record {
  // Locust's liveness: a heartbeat resets it; every second takes one.
  static constexpr int heartbeat_liveness = 3;

  std::string id;
  std::uint32_t index = 0;
  std::string state = "ready";  // ready, spawning, running, stopping, stopped, missing
  int liveness = heartbeat_liveness;
  std::vector<std::uint64_t> reported;  // users per class, as it last said
  double cpu_percent = 0;
  std::uint64_t memory = 0;  // resident bytes
  bool cpu_warned = false;

  std::uint64_t users() const;
};

class worker_roster {
 public:
  // Seconds after which a missing worker is forgotten (Locust's HEARTBEAT_DEAD_INTERNAL).
  static constexpr int forget_after = -60;

  explicit worker_roster(std::size_t classes) : classes_(classes) {}

  // A worker said client_ready: (re)registered as ready with no users. Its
  // index is the one it had before, else the next one. True when it joins
  // (unknown, gone, or missing until now); false when it is ready again after a stop.
  bool ready(const std::string& id);
  worker_record* find(const std::string& id);
  void remove(const std::string& id);

  // Workers that can run users (not missing), in dispatch order: by index,
  // then machines alternating (see dispatch_order).
  std::vector<std::string> live() const;
  std::size_t count_in_state(const std::string& state) const;
  std::uint64_t users() const;  // reported, all workers
  std::vector<std::uint64_t> users_per_class() const;
  std::vector<control::worker_summary> summaries() const;
  std::vector<std::string> ids() const;  // every worker, missing ones too

  // A second has passed: every worker's liveness drops by one. Returns the
  // ids of those that just went missing (their users are cleared); those
  // silent for too long are forgotten.
  std::vector<std::string> tick();

 private:
  std::size_t classes_;
  std::map<std::string, worker_record> workers_;  // by node id
  std::map<std::string, std::uint32_t> indexes_;  // node id -> its index, stable for the run
};

}  // namespace locustpp::cluster
