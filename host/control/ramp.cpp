// The ramp (see ramp.hpp).
#include "control/ramp.hpp"

#include <spdlog/spdlog.h>

#include <cmath>

namespace locustpp::control {

void ramp::begin(user_pool& pool, std::vector<runtime::class_share> shares) {
  timer_.cancel();
  pool_ = &pool;
  shares_ = std::move(shares);
  dispatch_.reset();
  target_ = 0;
  rate_ = 1;
  capped_ = false;
}

bool ramp::changes(std::uint64_t users, double rate, const std::vector<bool>& allowed) const {
  return pool_ != nullptr && !(dispatch_ && dispatch_->allowed() == allowed && users == target_ && rate == rate_);
}

void ramp::retarget(std::uint64_t users, double rate, std::vector<bool> allowed) {
  const bool same_classes = dispatch_ && dispatch_->allowed() == allowed;
  target_ = users;
  rate_ = rate > 0 ? rate : 1;
  if (!same_classes) {
    // Other classes: the users dispatched so far are handed out again over
    // them (the pool stops and starts only the difference).
    const std::uint64_t dispatched = dispatch_ ? dispatch_->total() : 0;
    dispatch_.emplace(shares_, std::move(allowed), pool_->executors());
    dispatch_->move_to(dispatched);
  }
  spdlog::info("Ramping to {} users at a rate of {:.2f} per second", users, rate_);
  timer_.cancel();
  step();
}

void ramp::redispatch() {
  if (pool_ == nullptr || !dispatch_) return;
  dispatch_->use_executors(pool_->executors());
  pool_->apply(*dispatch_, false);
}

void ramp::end() {
  timer_.cancel();
  pool_ = nullptr;
  dispatch_.reset();
}

void ramp::step() {
  const double per_step = std::floor(rate_);
  const std::uint64_t batch = per_step < 1 ? 1 : per_step >= 1e9 ? 1'000'000'000 : static_cast<std::uint64_t>(per_step);
  const std::uint64_t now = dispatch_->total();
  const std::uint64_t next = now < target_ ? std::min(target_, now + batch) : now - std::min(batch, now - target_);
  dispatch_->use_executors(pool_->executors());
  const std::uint64_t reached = dispatch_->move_to(next);
  if (reached < next) {
    // Only fixed_count classes may run, and all are full: the target is
    // what they add up to, as with Locust's dispatcher.
    if (!capped_) {
      spdlog::warn("All user classes have fixed counts, which add up to {} users: running {} instead of {}", reached,
                   reached, target_);
    }
    capped_ = true;
    target_ = reached;
  }
  const bool last = reached == target_;
  pool_->apply(*dispatch_, last);
  if (last || pool_ == nullptr) return;  // apply may end the test (a pool whose users all stopped)
  timer_.after_seconds(static_cast<double>(batch) / rate_, [this] { step(); });
}

}  // namespace locustpp::control
