// Per-address token buckets for failed logins (see login_throttle.hpp).
#include "web/login_throttle.hpp"

#include <algorithm>

namespace locustpp::web {
namespace {

using std::chrono::duration_cast;
using std::chrono::milliseconds;

// The bucket's depth: failures that come before any wait.
constexpr login_throttle::clock::duration tolerance = login_throttle::refill * login_throttle::burst;

milliseconds wait_for(login_throttle::clock::time_point due, login_throttle::clock::time_point now) {
  const auto over = due - now - tolerance;
  if (over <= login_throttle::clock::duration::zero()) return milliseconds{0};
  return std::min(duration_cast<milliseconds>(over), login_throttle::longest_wait);
}

}  // namespace

milliseconds login_throttle::wait(const std::string& address, clock::time_point now) const {
  auto found = due_.find(address);
  if (found == due_.end() && due_.size() >= tracked_addresses) found = due_.find("");  // the shared bucket
  return found == due_.end() ? milliseconds{0} : wait_for(found->second, now);
}

milliseconds login_throttle::failed(const std::string& address, clock::time_point now) {
  auto found = due_.find(address);
  if (found == due_.end()) {
    if (due_.size() >= tracked_addresses) std::erase_if(due_, [&](const auto& entry) { return entry.second <= now; });
    const bool room = due_.size() + 1 < tracked_addresses;  // one place kept for the shared bucket
    found = due_.try_emplace(room ? address : std::string(), now).first;
  }
  clock::time_point& due = found->second;
  // One refill per failure, and never more debt than the longest wait.
  due = std::min(std::max(due, now) + refill, now + tolerance + longest_wait);
  return std::max(failure_pause, wait_for(due, now));
}

}  // namespace locustpp::web
