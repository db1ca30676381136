// The worker threads and their bookkeeping (see worker_pool.hpp).
#include "control/worker_pool.hpp"

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include <thread>

#include "cli/config_error.hpp"
#include "net/source_addresses.hpp"
#include "runtime/event_bus.hpp"

namespace locustpp::control {
namespace {

// --source-addresses, each checked to be an address of this machine before the test.
std::vector<std::string> checked_source_addresses(const cli::run_options& options) {
  for (const std::string& address : options.source_ips) {
    if (std::string problem = net::bind_problem(address); !problem.empty()) {
      throw cli::config_error(fmt::format(
          "--source-addresses: cannot send from {} ({}): is it an address of this machine?", address, problem));
    }
  }
  return options.source_ips;
}

std::vector<std::unique_ptr<runtime::worker>> make_workers(const cli::run_options& options,
                                                           runtime::worker_owner& owner, runtime::event_bus& events) {
  http::client_settings http;
  http.connect_timeout = options.connect_timeout;
  http.network_timeout = options.network_timeout;
  http.max_redirects = options.max_redirects;
  http.verify_tls = !options.insecure;
  http.ca_file = options.ca_file.value_or("");
  http.source_addresses = checked_source_addresses(options);
  std::size_t threads = options.threads > 0 ? static_cast<std::size_t>(options.threads)
                                            : std::max(1u, std::thread::hardware_concurrency());
  std::vector<std::unique_ptr<runtime::worker>> made;
  for (std::size_t i = 0; i < threads; ++i) {
    http.first_source = i;  // the threads start at different source addresses
    made.push_back(std::make_unique<runtime::worker>(i, owner, events, http));
  }
  return made;
}

}  // namespace

worker_pool::worker_pool(const cli::run_options& options, runtime::worker_owner& owner, runtime::event_bus& events)
    : workers_(make_workers(options, owner, events)),
      users_(workers_.size(), 0),
      left_users_(workers_.size(), 0),
      class_users_(workers_.size()),
      class_retiring_(workers_.size()),
      abandoned_(workers_.size(), false) {
  for (std::size_t i = 0; i < workers_.size(); ++i) spare_shards_.push_back(std::make_unique<stats::stats_shard>());
}

worker_pool::~worker_pool() = default;

void worker_pool::start() {
  for (auto& w : workers_) w->start();
}

bool worker_pool::shut_down() {
  bool left_stuck = false;
  for (std::size_t i = 0; i < workers_.size(); ++i) {
    if (abandoned_[i]) {
      left_stuck = true;
      continue;
    }
    workers_[i]->shut_down();
  }
  return left_stuck;
}

std::size_t worker_pool::next_index(std::size_t& cursor) const {
  for (std::size_t tries = 0; tries < workers_.size(); ++tries) {
    std::size_t index = (cursor++) % workers_.size();
    if (!abandoned_[index]) return index;
  }
  return (cursor++) % workers_.size();  // every thread is stuck: the user waits in its queue
}

runtime::worker& worker_pool::place_user(std::size_t class_index) {
  std::size_t index = next_index(spawn_cursor_);
  ++users_[index];
  std::vector<std::size_t>& of_thread = class_users_[index];
  if (of_thread.size() <= class_index) of_thread.resize(class_index + 1, 0);
  ++of_thread[class_index];
  return *workers_[index];
}

std::size_t worker_pool::retire_class(std::size_t class_index, std::size_t count) {
  std::size_t asked = 0;
  for (std::size_t tries = 0; tries < workers_.size() && asked < count; ++tries) {
    std::size_t index = next_index(retire_cursor_);
    std::vector<std::size_t>& of_thread = class_users_[index];
    if (abandoned_[index] || of_thread.size() <= class_index || of_thread[class_index] == 0) continue;
    std::size_t here = std::min(count - asked, of_thread[class_index]);
    of_thread[class_index] -= here;
    std::vector<std::size_t>& retiring = class_retiring_[index];
    if (retiring.size() <= class_index) retiring.resize(class_index + 1, 0);
    retiring[class_index] += here;
    workers_[index]->retire_users(here, class_index);
    asked += here;
  }
  return asked;
}

bool worker_pool::user_ended(std::size_t index, std::size_t class_index, bool asked_to_stop) {
  if (left_users_[index] > 0) {
    --left_users_[index];
    return false;
  }
  --users_[index];
  std::vector<std::size_t>& retiring = class_retiring_[index];
  std::vector<std::size_t>& staying = class_users_[index];
  if (asked_to_stop && class_index < retiring.size() && retiring[class_index] > 0) {
    --retiring[class_index];
  } else if (class_index < staying.size() && staying[class_index] > 0) {
    --staying[class_index];
  }
  return true;
}

void worker_pool::stop_users() {
  for (std::size_t i = 0; i < workers_.size(); ++i) {
    if (!abandoned_[i]) workers_[i]->stop_users();
  }
}

void worker_pool::kill_users() {
  for (std::size_t i = 0; i < workers_.size(); ++i) {
    if (!abandoned_[i]) workers_[i]->kill_users();
  }
}

void worker_pool::start_background(const std::vector<plugin::background_model>& jobs) {
  for (std::size_t i = 0; i < jobs.size(); ++i) workers_[i % workers_.size()]->start_background(jobs[i]);
}

void worker_pool::stop_background() {
  for (auto& w : workers_) w->stop_background();
}

void worker_pool::collect_into(runtime::live_stats& stats, stats::stats_shard* span) {
  for (std::size_t i = 0; i < workers_.size(); ++i) {
    workers_[i]->swap_stats(spare_shards_[i]);
    stats.merge(*spare_shards_[i]);
    if (span != nullptr) span->absorb(*spare_shards_[i]);
    spare_shards_[i]->clear();
  }
}

bool worker_pool::only_stuck_users_remain() const {
  for (std::size_t i = 0; i < workers_.size(); ++i) {
    if (users_[i] > 0 && watchdog_.silent_for(i) < stuck_grace_period) return false;
  }
  return true;
}

int worker_pool::leave_users(bool exiting, runtime::event_bus& events) {
  int left = 0;
  for (std::size_t i = 0; i < workers_.size(); ++i) {
    if (users_[i] == 0 || abandoned_[i]) continue;
    if (watchdog_.silent_for(i) >= stuck_grace_period) {
      abandoned_[i] = true;
      events.count_internal_errors();
      spdlog::error("{}: {} without its {} users", watchdog_.describe(i), exiting ? "exiting" : "going on", users_[i]);
    } else {
      workers_[i]->kill_users();
      workers_[i]->kill_users();  // the second kill runs no more plugin code
    }
    left_users_[i] += users_[i];
    left += users_[i];
    users_[i] = 0;
    class_users_[i].clear();
    class_retiring_[i].clear();
  }
  return left;
}

}  // namespace locustpp::control
