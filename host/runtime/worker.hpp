// A worker thread: its own io_context, HTTP client context and statistics
// shards, and the simulated users that live on it for their whole life.
// The control thread talks to a worker only by posting jobs to it; the worker
// answers by posting jobs to the control thread (worker_owner).
#pragma once

#include <atomic>
#include <cstdint>
#include <functional>
#include <memory>
#include <thread>
#include <vector>

#include "http/client_context.hpp"
#include "http/url.hpp"
#include "plugin/catalog.hpp"
#include "stats/stats_shard.hpp"

namespace locustpp::runtime {

class background_job;
class event_bus;
class simulated_user;

// Implemented by the runner. post_to_control is thread-safe; the others are
// only ever called through it, so they run on the control thread.
class worker_owner {
 public:
  virtual ~worker_owner() = default;
  virtual void post_to_control(std::function<void()> job) = 0;
  virtual void on_user_ended(std::size_t class_index) = 0;
  virtual void on_stop_test_requested() = 0;
};

class worker {
 public:
  worker(std::size_t index, worker_owner& owner, event_bus& events, http::client_settings http_settings);
  ~worker();
  worker(const worker&) = delete;
  worker& operator=(const worker&) = delete;

  void start();
  // Runs `job` on this worker's thread. Thread-safe.
  void post(std::function<void()> job);
  // Ends the thread once its users are gone; joins it.
  void shut_down();

  // --- control-thread requests (posted) ---
  void spawn(const plugin::user_class_model& user_class, std::size_t class_index, const http::url* base);
  // Graceful stop: waiting users stop now, running users after their task.
  void stop_users();
  // Ramp-down: `count` users of this thread stop gracefully.
  void retire_users(std::size_t count);
  // Stop-timeout reached: abort what users are running, then on_stop.
  void kill_users();
  // Starts / aborts a module's background work on this thread.
  void start_background(const plugin::background_model& job);
  void stop_background();
  // Swaps the active shard for the spare and hands the full one to
  // `merge` on the control thread; skipped while the spare is still away.
  void collect_stats(std::function<void(stats::stats_shard&)> merge);

  // --- worker-thread API (for users and host services) ---
  static worker* current() noexcept;  // the worker of the calling thread, or null
  stats::stats_shard& shard() noexcept { return *active_shard_; }
  http::client_context& http() noexcept { return *http_; }
  event_bus& events() noexcept { return events_; }
  worker_owner& owner() noexcept { return owner_; }
  std::size_t index() const noexcept { return index_; }
  void user_ended(simulated_user& user);

 private:
  struct loop;  // the io_context and its work guard (defined in worker.cpp)
  std::size_t index_;
  worker_owner& owner_;
  event_bus& events_;
  http::client_settings http_settings_;
  std::unique_ptr<loop> loop_;
  std::unique_ptr<http::client_context> http_;
  std::thread thread_;
  std::vector<std::shared_ptr<simulated_user>> users_;
  std::vector<std::shared_ptr<background_job>> background_jobs_;
  std::uint64_t next_user_id_ = 0;
  std::unique_ptr<stats::stats_shard> active_shard_ = std::make_unique<stats::stats_shard>();
  std::unique_ptr<stats::stats_shard> spare_shard_ = std::make_unique<stats::stats_shard>();
  std::atomic<bool> spare_away_{false};
};

}  // namespace locustpp::runtime
