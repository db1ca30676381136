// Who runs which users (DESIGN §5a, Locust's UsersDispatcher rules): the one
// dispatcher, for the local pool (one executor: this process) and for a
// master's workers alike. Users are handed out in one order, fixed_count
// classes first, then by weight (runtime::class_picker), and user i goes to
// executor i mod n, so 5 users on 2 workers are 3 + 2. Moving to a lower
// total takes users back in the reverse order, so a ramp-down leaves the mix
// a ramp-up to that total would have made.
//
// Cost: moving by k users is O(k); a change of the executor count or of the
// allowed classes replays the order, O(users). Memory: 4 bytes per user.
// Thread rules: one owner (the controller, on the control thread).
#pragma once

#include <cstdint>
#include <vector>

#include "runtime/class_picker.hpp"

namespace locustpp::control {

class dispatcher {
 public:
  using counts = std::vector<std::uint64_t>;  // users per class, in plan order

  // `allowed`: one flag per class, or empty for all. `executors` >= 1.
  dispatcher(std::vector<runtime::class_share> shares, std::vector<bool> allowed, std::size_t executors = 1);

  // Hands out users up to `total` (or takes them back down to it). Returns
  // the total reached: less than asked when only fixed_count classes may
  // run and all are full.
  std::uint64_t move_to(std::uint64_t total);
  // Users split over `executors` from now on (the order is kept).
  void use_executors(std::size_t executors);

  std::uint64_t total() const noexcept { return picks_.size(); }
  std::size_t executors() const noexcept { return per_executor_.size(); }
  // [executor][class]: absolute user counts.
  const std::vector<counts>& per_executor() const noexcept { return per_executor_; }
  const counts& per_class() const noexcept { return per_class_; }
  const std::vector<bool>& allowed() const noexcept { return allowed_; }

 private:
  std::vector<runtime::class_share> shares_;
  std::vector<bool> allowed_;
  runtime::class_picker picker_;
  std::vector<std::uint32_t> picks_;  // the class of user i, in hand-out order
  std::vector<counts> per_executor_;
  counts per_class_;
};

}  // namespace locustpp::control
