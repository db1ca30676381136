// This process's users (see local_users.hpp).
#include "control/local_users.hpp"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <chrono>
#include <numeric>

#include "runtime/event_bus.hpp"

namespace locustpp::control {
namespace {

// Killed users still run their on_stop (as in Locust); after this long the
// ones still in it are dropped without running any more plugin code.
constexpr double kill_grace_seconds = 30;

std::uint64_t sum(const std::vector<std::uint64_t>& counts) {
  return std::accumulate(counts.begin(), counts.end(), std::uint64_t{0});
}

}  // namespace

local_users::local_users(const cli::run_options& options, const class_book& classes, runtime::event_bus& events,
                         runtime::worker_owner& owner, pool_listener& listener, runtime::control_loop& loop)
    : options_(options),
      classes_(classes),
      events_(events),
      listener_(listener),
      threads_(options, owner, events),
      stop_timer_(loop) {
  const std::size_t count = classes_.plan().classes.size();
  running_.assign(count, 0), retiring_.assign(count, 0), done_.assign(count, 0);
}

void local_users::apply(const dispatcher& plan, bool last) {
  set_class_targets(plan.per_executor().front());
  listener_.pool_users(active_, last);
}

void local_users::set_class_targets(const std::vector<std::uint64_t>& targets) {
  stopping_ = killed_ = false;
  for (std::size_t index = 0; index < running_.size() && index < targets.size(); ++index) {
    const std::uint64_t wanted = targets[index];
    std::uint64_t have = running_[index] + done_[index];
    for (; have < wanted; ++have) launch(index);
    std::uint64_t excess = have - wanted;
    const std::uint64_t forgotten = std::min(excess, done_[index]);  // users done already: nothing to stop
    done_[index] -= forgotten;
    excess -= forgotten;
    if (excess == 0) continue;
    // Only threads that run users of the class are asked, so a user that
    // ended by itself is never counted as retired.
    const std::size_t asked = threads_.retire_class(index, static_cast<std::size_t>(excess));
    running_[index] -= asked;
    retiring_[index] += asked;
  }
}

void local_users::launch(std::size_t class_index) {
  const runtime::planned_class& planned = classes_.plan().classes[class_index];
  ++running_[class_index];
  ++active_;
  threads_.place_user(class_index)
      .spawn(*planned.model, class_index, classes_.base(class_index), classes_.plan().iterations);
}

void local_users::user_ended(std::size_t thread_index, std::size_t class_index, bool asked_to_stop) {
  if (!threads_.user_ended(thread_index, class_index, asked_to_stop))
    return;  // a user of a test that already ended without it
  --active_;
  if (class_index < running_.size()) {
    if (asked_to_stop && retiring_[class_index] > 0) {
      --retiring_[class_index];
    } else if (running_[class_index] > 0) {
      --running_[class_index];
      // A user done with its -i/--iterations is not replaced; one that
      // stopped itself is, at the next dispatch.
      if (classes_.plan().iterations > 0 && !stopping_) ++done_[class_index];
    }
  }
  listener_.pool_users(active_, false);
  if (stopping_) {
    if (active_ == 0) all_stopped();
  } else if (active_ == 0 && classes_.plan().iterations > 0 && sum(done_) > 0) {
    listener_.pool_finished();
  }
}

void local_users::stop() {
  stopping_ = true;
  killed_ = false;
  if (active_ == 0) return all_stopped();
  threads_.stop_users();
  // -s/--stop-timeout 0 (Locust's default) stops running users at once.
  stop_timer_.after_seconds(options_.stop_timeout, [this] {
    if (active_ == 0) return;
    if (options_.stop_timeout > 0) spdlog::info("--stop-timeout reached: killing {} running users", active_);
    killed_ = true;
    threads_.kill_users();
    stop_timer_.after_seconds(kill_grace_seconds, [this] {
      spdlog::warn("{} users still in on_stop after {} s: dropping them", active_, kill_grace_seconds);
      give_up_stopping();
    });
  });
}

void local_users::give_up_stopping() {
  const int left = threads_.leave_users(exiting_, events_);
  active_ -= std::min<std::uint64_t>(active_, static_cast<std::uint64_t>(left));
  listener_.pool_users(active_, false);
  all_stopped();
}

void local_users::every_second() {
  threads_.watch();
  if (stopping_ && killed_ && active_ > 0 && threads_.only_stuck_users_remain()) give_up_stopping();
}

// No user runs any more: every count is 0 (a worker node reports these).
void local_users::all_stopped() {
  if (!stopping_) return;
  stopping_ = killed_ = false;
  stop_timer_.cancel();
  std::fill(running_.begin(), running_.end(), 0);
  std::fill(retiring_.begin(), retiring_.end(), 0);
  std::fill(done_.begin(), done_.end(), 0);
  listener_.pool_stopped();
}

}  // namespace locustpp::control
