// A master's workers as it knows them (Locust's MasterRunner.clients): each
// one's stable index, state, liveness, the users it reported per class, and
// its CPU and memory. The master_node decides what to do; this keeps count.
//
// Thread rules: control thread only.
#pragma once

#include <cstdint>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "control/run_state.hpp"
#include "control/user_pool.hpp"
#include "locustpp/value.hpp"

namespace locustpp::cluster {

struct worker_record {
  // Locust's liveness: a heartbeat resets it; every second takes one.
  static constexpr int heartbeat_liveness = 3;

  std::string id;
  std::uint32_t index = 0;
  control::worker_state state = control::worker_state::ready;
  int liveness = heartbeat_liveness;
  std::vector<std::uint64_t> reported;  // users per class, as it last said
  double cpu_percent = 0;
  std::uint64_t memory = 0;  // resident bytes
  bool cpu_warned = false;
  // Between locustpp nodes: the secret the master gave this worker in its
  // ack. Once the worker has sent it back, a message with its id but
  // without the token is not the worker's.
  std::string token;
  bool token_confirmed = false;
  // Requests the worker recorded and has not reported yet, as its last
  // heartbeat said (locustpp workers say it; 0 for others).
  std::uint64_t unreported = 0;
  std::uint64_t users_when_missing = 0;  // what it ran when it went missing
  // Its numbered report pieces (locustpp workers number them): all up to
  // `reports_through` merged, and those merged beyond it. A piece seen
  // before is a repeat after a new connection, and is not merged again.
  std::uint64_t reports_through = 0;
  std::set<std::uint64_t> reports_beyond;
  // Records piece `sequence`; false when it was merged before. Pieces that
  // are missing while thousands came after them are given up (counted in
  // `given_up`), so that the bookkeeping stays bounded.
  bool first_time(std::uint64_t sequence, std::uint64_t& given_up);

  std::uint64_t users() const;

  // A heartbeat's fields (Locust's state, current_cpu_usage and
  // current_memory_usage, our locustpp_unreported), checked: false, and
  // nothing changed, unless the state is a worker's and the numbers are
  // numbers >= 0. Liveness is restored.
  bool take_heartbeat(const locustpp::value& data);
  // Users per class as a worker reports them ({name: count}, `class_names`
  // in plan order): false, and nothing changed, when a count is not a whole
  // number up to max_reported_users.
  bool take_user_counts(const locustpp::value& counts, const std::vector<std::string>& class_names);
};

class worker_roster {
 public:
  // Seconds after which a missing worker is forgotten (Locust's HEARTBEAT_DEAD_INTERNAL).
  static constexpr int forget_after = -60;

  explicit worker_roster(std::size_t classes) : classes_(classes) {}

  // A worker said client_ready: (re)registered as ready with no users. Its
  // index is the one it had before, else the next one; a worker new to the
  // roster gets a new token. True when it joins (unknown, gone, or missing
  // until now); false when it is ready again after a stop.
  bool ready(const std::string& id);
  std::size_t size() const noexcept { return workers_.size(); }
  worker_record* find(const std::string& id);
  void remove(const std::string& id);

  // Workers that can run users (not missing), in dispatch order: by index,
  // then machines alternating (see dispatch_order).
  std::vector<std::string> live() const;
  std::size_t count_in_state(control::worker_state state) const;
  std::uint64_t users() const;  // reported, all workers
  std::vector<std::uint64_t> users_per_class() const;
  std::vector<control::worker_summary> summaries() const;
  std::vector<std::string> ids() const;  // every worker, missing ones too

  // A second has passed: every worker's liveness drops by one. Those that
  // just went missing have their users cleared; those silent for too long
  // are forgotten.
  struct tick_result {
    std::vector<std::string> went_missing, forgotten;
  };
  tick_result tick();

 private:
  std::size_t classes_;
  std::map<std::string, worker_record> workers_;  // by node id
  std::map<std::string, std::uint32_t> indexes_;  // node id -> its index, stable for the run
  std::uint32_t next_index_ = 0;
};

}  // namespace locustpp::cluster
