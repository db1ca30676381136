// The users of this process (a user_pool): the dispatcher's per-class
// counts made real on the worker threads, and what became of every user —
// running, asked to stop by a ramp-down, done with its -i/--iterations, or
// ended by itself. Stopping follows Locust: users stop gracefully, then
// --stop-timeout kills them (their on_stop still runs), then, after a grace
// period, the ones that never yield are left behind.
//
// Thread rules: control thread only (the threads are reached by posting).
#pragma once

#include <cstdint>
#include <vector>

#include "cli/run_options.hpp"
#include "control/class_book.hpp"
#include "control/user_pool.hpp"
#include "control/worker_pool.hpp"
#include "runtime/control_timer.hpp"

namespace locustpp::control {

class local_users final : public user_pool {
 public:
  // `owner` hears the threads (it hands user ends back to user_ended);
  // `listener` hears this pool. Throws what worker_pool throws.
  local_users(const cli::run_options& options, const class_book& classes, runtime::event_bus& events,
              runtime::worker_owner& owner, pool_listener& listener, runtime::control_loop& loop);

  // ---- user_pool ----------------------------------------------------------------------
  std::string can_start() const override { return ""; }
  std::size_t executors() const override { return 1; }
  void apply(const dispatcher& plan, bool last) override;
  void stop() override;
  void give_up_stopping() override;
  void quit(std::function<void()> done) override { done(); }
  std::vector<std::uint64_t> users_per_class() const override { return running_; }
  std::vector<worker_summary> workers() const override { return {}; }
  void class_updated(const runtime::class_settings&) override {}

  // Absolute users per class (plan order), reached at once: a worker node's
  // spawn, where the master paces the ramp.
  void set_class_targets(const std::vector<std::uint64_t>& targets);
  // A user of class `class_index` on thread `thread_index` ended (see worker_owner).
  void user_ended(std::size_t thread_index, std::size_t class_index, bool asked_to_stop);
  // Once a second: the threads' liveness; after a kill, users left only on
  // stuck threads are given up.
  void every_second();
  // Whether giving up on users ends the process (said in the log).
  void exiting_after_test(bool exiting) { exiting_ = exiting; }
  std::uint64_t users() const noexcept { return active_; }
  worker_pool& threads() noexcept { return threads_; }

 private:
  void launch(std::size_t class_index);
  void all_stopped();

  const cli::run_options& options_;
  const class_book& classes_;
  runtime::event_bus& events_;
  pool_listener& listener_;
  worker_pool threads_;
  runtime::control_timer stop_timer_;
  // Per class, in plan order: users running and staying, asked to stop by a
  // ramp-down and not ended yet, and ended after their -i/--iterations (not
  // replaced: they still count towards the dispatched users).
  std::vector<std::uint64_t> running_, retiring_, done_;
  std::uint64_t active_ = 0;  // users on the threads, retiring ones included
  bool stopping_ = false;
  bool killed_ = false;
  bool exiting_ = false;
};

}  // namespace locustpp::control
