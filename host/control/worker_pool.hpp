// The worker threads of the process and what the controller knows of each:
// how many users it runs, its statistics hand-over, and whether it was left
// behind running plugin code that never yields. Created once with the
// controller; the threads outlive every test.
//
// Thread rules: control thread only (the workers are reached by posting).
#pragma once

#include <chrono>
#include <cstddef>
#include <memory>
#include <vector>

#include "cli/run_options.hpp"
#include "plugin/catalog.hpp"
#include "runtime/live_stats.hpp"
#include "runtime/worker.hpp"
#include "runtime/worker_watchdog.hpp"

namespace locustpp::control {

class worker_pool {
 public:
  // Users on a thread silent this long after a kill are left behind at once:
  // the thread runs plugin code that does not yield.
  static constexpr std::chrono::seconds stuck_grace_period{2};

  // One thread per --threads (0: per core). Throws cli::config_error when an
  // address of --source-addresses is not one of this machine's.
  worker_pool(const cli::run_options& options, runtime::worker_owner& owner, runtime::event_bus& events);
  ~worker_pool();
  worker_pool(const worker_pool&) = delete;
  worker_pool& operator=(const worker_pool&) = delete;

  void start();
  // Joins every thread that answers; returns true when one was left running
  // stuck plugin code (the process must then exit without joining it).
  bool shut_down();
  std::size_t size() const noexcept { return workers_.size(); }

  // ---- users ------------------------------------------------------------------------
  // The thread for the next user (threads in turn, abandoned ones skipped); the user is counted.
  runtime::worker& place_user(std::size_t class_index);
  // Asks `count` users of class `class_index` to stop, from the threads that
  // run them (a worker node's absolute per-class targets); returns how many
  // could be asked.
  std::size_t retire_class(std::size_t class_index, std::size_t count);
  // A user of class `class_index` on thread `index` ended (after it was
  // asked to stop, or by itself). False when it was one of a test that
  // already ended without it.
  bool user_ended(std::size_t index, std::size_t class_index, bool asked_to_stop);
  void stop_users();  // graceful, on every responsive thread
  void kill_users();  // --stop-timeout reached
  void start_background(const std::vector<plugin::background_model>& jobs);
  void stop_background();

  // ---- statistics and liveness -------------------------------------------------------
  // Merges what every thread recorded since the last call; never waits for
  // one. With `span`, the same is also added there (a worker node's report).
  void collect_into(runtime::live_stats& stats, stats::stats_shard* span = nullptr);
  void watch() { watchdog_.tick(); }  // once a second
  // True when every thread that still has users has been silent for the grace period.
  bool only_stuck_users_remain() const;
  // Ends the current users now: dropped on responsive threads (running no more
  // plugin code), abandoned with their thread on stuck ones (logged as errors,
  // "exiting" or "going on" without them). Returns how many users that was;
  // their ends, if they come, are not counted again.
  int leave_users(bool exiting, runtime::event_bus& events);

 private:
  std::size_t next_index(std::size_t& cursor) const;

  std::vector<std::unique_ptr<runtime::worker>> workers_;
  std::vector<std::unique_ptr<stats::stats_shard>> spare_shards_;  // one per worker, swapped with its shard
  std::vector<int> users_;                                         // per worker: users of the current test
  std::vector<int> left_users_;                                    // per worker: users of ended tests
  // per worker, per class: users placed and not asked to retire by retire_class, and those asked
  std::vector<std::vector<std::size_t>> class_users_, class_retiring_;
  std::vector<bool> abandoned_;  // per worker: left running plugin code
  runtime::worker_watchdog watchdog_{workers_};
  std::size_t spawn_cursor_ = 0, retire_cursor_ = 0;
};

}  // namespace locustpp::control
