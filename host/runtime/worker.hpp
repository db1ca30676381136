// A worker thread: its own io_context, HTTP client context and statistics
// shard, and the simulated users that live on it for their whole life.
// The control thread talks to a worker only by posting jobs to it; the worker
// answers by posting jobs to the control thread (worker_owner). Two things
// the control thread reads without the worker's help, so that a worker stuck
// in plugin code never stalls the others: its statistics (swapped out under
// a spin lock) and its liveness (pings it answers, and the plugin code it is
// running).
#pragma once

#include <atomic>
#include <cstdint>
#include <functional>
#include <memory>
#include <string_view>
#include <thread>
#include <utility>
#include <vector>

#include "http/client_context.hpp"
#include "http/url.hpp"
#include "plugin/catalog.hpp"
#include "runtime/run_table.hpp"
#include "runtime/spin_lock.hpp"
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
  // `asked_to_stop`: the user ended after it was asked to (a ramp-down, a
  // stop), not by itself.
  virtual void on_user_ended(std::size_t worker_index, std::size_t class_index, bool asked_to_stop) = 0;
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
  // Ends the thread once its users are gone; joins it. Never call it for a
  // worker that does not answer pings: the join would wait forever.
  void shut_down();

  // --- control-thread requests (posted) ---
  // `task_runs`: the user stops after that many task runs; 0 = no limit.
  void spawn(const plugin::user_class_model& user_class, std::size_t class_index, const http::url* base,
             std::uint64_t task_runs);
  // Graceful stop: waiting users stop now, running users after their task.
  void stop_users();
  // Ramp-down: `count` users of this thread (of class `class_index`, or of
  // any class) stop gracefully.
  static constexpr std::size_t any_class = static_cast<std::size_t>(-1);
  void retire_users(std::size_t count, std::size_t class_index = any_class);
  // Stop-timeout reached: abort what users are running, then on_stop. A
  // second kill drops users without running any more plugin code.
  void kill_users();
  // Starts / aborts a module's background work on this thread.
  void start_background(const plugin::background_model& job);
  void stop_background();
  // Asks the thread to answer ping number `sequence` (see answered_ping).
  void ping(std::uint64_t sequence);

  // --- control-thread reads (thread-safe, never wait for the worker) ---
  // Hands the statistics recorded since the last swap over in `spare` (which
  // must be empty) and starts recording into the shard that `spare` held.
  void swap_stats(std::unique_ptr<stats::stats_shard>& spare);
  std::uint64_t answered_ping() const noexcept { return answered_ping_.load(std::memory_order_acquire); }
  // The plugin code the thread runs right now, or null.
  const plugin::code_site* running_site() const noexcept { return running_site_.load(std::memory_order_relaxed); }

  // --- worker-thread API (for users and host services) ---
  static worker* current() noexcept;  // the worker of the calling thread, or null
  void record(const stats::request_sample& sample);
  void record_exception(std::string_view message, std::string_view traceback);
  http::client_context& http() noexcept { return *http_; }
  run_table& runs() noexcept { return runs_; }
  event_bus& events() noexcept { return events_; }
  worker_owner& owner() noexcept { return owner_; }
  std::size_t index() const noexcept { return index_; }
  void user_ended(simulated_user& user);
  // Calls user->resume(generation) on a later turn of the loop, after the I/O
  // that is ready now. One posted job runs all the users queued before it, so
  // a closed-loop user costs no allocation and no scheduler lock per task.
  void resume_soon(std::shared_ptr<simulated_user> user, std::uint64_t generation);

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
  void run_resumes();
  // Users to resume on the next turn, and the batch being resumed now (kept
  // apart so that the vectors' capacity is reused).
  std::vector<std::pair<std::shared_ptr<simulated_user>, std::uint64_t>> resumes_, resuming_;
  bool resume_posted_ = false;
  std::uint64_t next_user_id_ = 0;
  run_table runs_;
  spin_lock shard_lock_;
  std::unique_ptr<stats::stats_shard> shard_ = std::make_unique<stats::stats_shard>();  // guarded by shard_lock_
  std::atomic<std::uint64_t> answered_ping_{0};
  std::atomic<const plugin::code_site*> running_site_{nullptr};
};

}  // namespace locustpp::runtime
