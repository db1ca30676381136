// The pace of a test's users (Locust's spawn rate): towards a target user
// count in steps of max(1, floor(rate)) users, one step every step/rate
// seconds, each step handed out by the one dispatcher and made real by the
// test's user pool, local or remote alike.
//
// Thread rules: control thread only.
#pragma once

#include <cstdint>
#include <optional>
#include <vector>

#include "control/dispatcher.hpp"
#include "control/user_pool.hpp"
#include "runtime/control_timer.hpp"

namespace locustpp::control {

class ramp {
 public:
  explicit ramp(runtime::control_loop& loop) : timer_(loop) {}

  // A new test on `pool`: nothing dispatched yet.
  void begin(user_pool& pool, std::vector<runtime::class_share> shares);
  // Whether retarget() with these would change anything.
  bool changes(std::uint64_t users, double rate, const std::vector<bool>& allowed) const;
  // Moves towards `users` at `rate` per second over the `allowed` classes
  // (one flag per class; empty: all). Only when changes() says it would.
  void retarget(std::uint64_t users, double rate, std::vector<bool> allowed);
  // The pool's executors changed: the users dispatched so far are split again.
  void redispatch();
  // The test stops: no more steps; nothing is dispatched any more.
  void end();

  std::uint64_t target() const noexcept { return target_; }
  double rate() const noexcept { return rate_; }

 private:
  void step();

  runtime::control_timer timer_;
  user_pool* pool_ = nullptr;  // not owned: the test's pool
  std::vector<runtime::class_share> shares_;
  std::optional<dispatcher> dispatch_;  // for the current allowed classes
  std::uint64_t target_ = 0;
  double rate_ = 1;
  bool capped_ = false;  // a cap by fixed counts was said
};

}  // namespace locustpp::control
