// The master's bookkeeping of its workers (see worker_roster.hpp).
#include "cluster/worker_roster.hpp"

#include <algorithm>
#include <cmath>
#include <string_view>

#include "cluster/message_limits.hpp"
#include "cluster/node_id.hpp"
#include "cluster/node_order.hpp"
#include "stats/saturating.hpp"

namespace locustpp::cluster {

namespace {

// Indexes of workers that are gone are kept for their return, but not
// without bound (ids are whatever a peer says).
constexpr std::size_t kept_indexes = 100'000;

}  // namespace

std::uint64_t worker_record::users() const {
  std::uint64_t total = 0;
  for (std::uint64_t count : reported) total = stats::saturating_add(total, count);
  return total;
}

namespace {

bool is_user_count(const locustpp::value& count) {
  return count.type() == locustpp::value::kind::integer && count.integer() >= 0 &&
         count.unsigned_integer() <= max_reported_users;
}

}  // namespace

bool worker_record::take_heartbeat(const locustpp::value& data) {
  const locustpp::value &given_state = data["state"], &cpu = data["current_cpu_usage"],
                        &rss = data["current_memory_usage"];
  std::optional<control::worker_state> said = control::parse_worker_state(given_state.text());
  if (!said || !cpu.is_number() || !std::isfinite(cpu.number()) || cpu.number() < 0 ||
      !(rss.is_nil() || (rss.is_number() && rss.number() >= 0))) {
    return false;
  }
  liveness = heartbeat_liveness;
  state = *said;
  cpu_percent = cpu.number();
  memory = rss.unsigned_integer();
  unreported = data["locustpp_unreported"].unsigned_integer();
  return true;
}

bool worker_record::take_user_counts(const locustpp::value& counts, const std::vector<std::string>& class_names) {
  if (!counts.is_map()) return true;  // not sent: nothing to take
  for (const auto& [name, count] : counts.entries()) {
    if (!name.is_string() || !is_user_count(count)) return false;
  }
  reported.assign(class_names.size(), 0);
  for (const auto& [name, count] : counts.entries()) {
    for (std::size_t c = 0; c < class_names.size(); ++c) {
      if (name.text() == class_names[c]) reported[c] = count.unsigned_integer();
    }
  }
  return true;
}

bool worker_record::first_time(std::uint64_t sequence, std::uint64_t& given_up) {
  constexpr std::size_t awaited_at_most = 4096;
  if (sequence <= reports_through || !reports_beyond.insert(sequence).second) return false;
  if (reports_beyond.size() > awaited_at_most) {
    given_up += *reports_beyond.begin() - reports_through - 1;
    reports_through = *reports_beyond.begin() - 1;
  }
  while (!reports_beyond.empty() && *reports_beyond.begin() == reports_through + 1) {
    reports_beyond.erase(reports_beyond.begin());
    ++reports_through;
  }
  return true;
}

bool worker_roster::ready(const std::string& id) {
  if (indexes_.size() >= kept_indexes && indexes_.count(id) == 0) {
    std::erase_if(indexes_, [&](const auto& entry) { return workers_.count(entry.first) == 0; });
  }
  auto index = indexes_.try_emplace(id, next_index_).first;
  if (index->second == next_index_) ++next_index_;
  auto known = workers_.find(id);
  bool joined = known == workers_.end() || known->second.state == control::worker_state::missing;
  if (known == workers_.end()) workers_[id].token = make_secret_token();
  worker_record& worker = workers_[id];
  worker.id = id;
  worker.index = index->second;
  worker.state = control::worker_state::ready;
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
    if (worker.state != control::worker_state::missing) by_index.emplace_back(worker.index, id);
  }
  std::sort(by_index.begin(), by_index.end());
  std::vector<std::string> ids;
  for (auto& [index, id] : by_index) ids.push_back(std::move(id));
  return dispatch_order(ids);
}

std::size_t worker_roster::count_in_state(control::worker_state state) const {
  return static_cast<std::size_t>(
      std::count_if(workers_.begin(), workers_.end(), [&](const auto& entry) { return entry.second.state == state; }));
}

std::uint64_t worker_roster::users() const {
  std::uint64_t total = 0;
  for (const auto& [id, worker] : workers_) total = stats::saturating_add(total, worker.users());
  return total;
}

std::vector<std::uint64_t> worker_roster::users_per_class() const {
  std::vector<std::uint64_t> total(classes_, 0);
  for (const auto& [id, worker] : workers_) {
    for (std::size_t c = 0; c < total.size() && c < worker.reported.size(); ++c) {
      total[c] = stats::saturating_add(total[c], worker.reported[c]);
    }
  }
  return total;
}

std::vector<control::worker_summary> worker_roster::summaries() const {
  std::vector<control::worker_summary> list;
  for (const auto& [id, worker] : workers_) {
    list.push_back({id, worker.index, std::string(control::worker_state_name(worker.state)), worker.users(),
                    worker.cpu_percent, worker.memory});
  }
  return list;
}

std::vector<std::string> worker_roster::ids() const {
  std::vector<std::string> all;
  for (const auto& [id, worker] : workers_) all.push_back(id);
  return all;
}

worker_roster::tick_result worker_roster::tick() {
  tick_result result;
  for (auto it = workers_.begin(); it != workers_.end();) {
    worker_record& worker = it->second;
    if (--worker.liveness < 0 && worker.state != control::worker_state::missing) {
      worker.state = control::worker_state::missing;
      worker.users_when_missing = worker.users();
      worker.reported.assign(classes_, 0);
      result.went_missing.push_back(worker.id);
    }
    if (worker.liveness <= forget_after) {
      result.forgotten.push_back(worker.id);
      it = workers_.erase(it);
    } else {
      ++it;
    }
  }
  return result;
}

}  // namespace locustpp::cluster
