// The master's bookkeeping of its workers (see worker_roster.hpp).
#include "cluster/worker_roster.hpp"

#include <algorithm>

#include "cluster/user_dispatch.hpp"

namespace locustpp::cluster {

std::uint64_t worker_record::users() const {
  std::uint64_t total = 0;
  for (std::uint64_t count : reported) total += count;
  return total;
}

bool worker_roster::ready(const std::string& id) {
  auto index = indexes_.try_emplace(id, static_cast<std::uint32_t>(indexes_.size())).first;
  auto known = workers_.find(id);
  bool joined = known == workers_.end() || known->second.state == "missing";
  worker_record& worker = workers_[id];
  worker.id = id;
  worker.index = index->second;
  worker.state = "ready";
  worker.liveness = worker_record::heartbeat_liveness;
  worker.reported.assign(classes_, 0);
  return joined;
}

worker_record* worker_roster::find(const std::string& id) {
  auto found = workers_.find(id);
  return found == workers_.end() ? nullptr : &found->second;
}

void worker_roster::remove(const std::string& id) {
  workers_.erase(id);
}

std::vector<std::string> worker_roster::live() const {
  std::vector<std::pair<std::uint32_t, std::string>> by_index;
  for (const auto& [id, worker] : workers_) {
    if (worker.state != "missing") by_index.emplace_back(worker.index, id);
  }
  std::sort(by_index.begin(), by_index.end());
  std::vector<std::string> ids;
  for (auto& [index, id] : by_index) ids.push_back(std::move(id));
  return dispatch_order(ids);
}

std::size_t worker_roster::count_in_state(const std::string& state) const {
  return static_cast<std::size_t>(
      std::count_if(workers_.begin(), workers_.end(), [&](const auto& entry) { return entry.second.state == state; }));
}

std::uint64_t worker_roster::users() const {
  std::uint64_t total = 0;
  for (const auto& [id, worker] : workers_) total += worker.users();
  return total;
}

std::vector<std::uint64_t> worker_roster::users_per_class() const {
  std::vector<std::uint64_t> total(classes_, 0);
  for (const auto& [id, worker] : workers_) {
    for (std::size_t c = 0; c < total.size() && c < worker.reported.size(); ++c) total[c] += worker.reported[c];
  }
  return total;
}

std::vector<control::worker_summary> worker_roster::summaries() const {
  std::vector<control::worker_summary> list;
  for (const auto& [id, worker] : workers_) {
    list.push_back({id, worker.index, worker.state, worker.users(), worker.cpu_percent, worker.memory});
  }
  return list;
}

std::vector<std::string> worker_roster::ids() const {
  std::vector<std::string> all;
  for (const auto& [id, worker] : workers_) all.push_back(id);
  return all;
}

std::vector<std::string> worker_roster::tick() {
  std::vector<std::string> missing;
  for (auto it = workers_.begin(); it != workers_.end();) {
    worker_record& worker = it->second;
    if (--worker.liveness < 0 && worker.state != "missing") {
      worker.state = "missing";
      worker.reported.assign(classes_, 0);
      missing.push_back(worker.id);
    }
    it = worker.liveness <= forget_after ? workers_.erase(it) : std::next(it);
  }
  return missing;
}

}  // namespace locustpp::cluster
