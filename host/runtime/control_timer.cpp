// The control thread's one-shot timer (see control_timer.hpp).
#include "runtime/control_timer.hpp"

#include <boost/asio/steady_timer.hpp>

#include "runtime/control_loop.hpp"
#include "timing/durations.hpp"

namespace locustpp::runtime {

// A wait that already expired is queued and runs even when cancelled
// after that: each wait carries the generation it was made in, and runs
// its callback only while that is still the timer's (cancel(), after() and
// the destructor start a new one).
struct control_timer::impl {
  explicit impl(control_loop& loop) : timer(loop.io()) {}
  ~impl() { ++*generation; }
  boost::asio::steady_timer timer;
  std::shared_ptr<std::uint64_t> generation = std::make_shared<std::uint64_t>(0);
};

control_timer::control_timer(control_loop& loop) : impl_(std::make_unique<impl>(loop)) {}
control_timer::~control_timer() = default;

void control_timer::after(std::chrono::steady_clock::duration delay, std::function<void()> then) {
  const std::uint64_t mine = ++*impl_->generation;
  impl_->timer.expires_after(delay);
  impl_->timer.async_wait([then = std::move(then), generation = impl_->generation, mine](boost::system::error_code ec) {
    if (!ec && *generation == mine) then();
  });
}

void control_timer::after_seconds(double seconds, std::function<void()> then) {
  after(timing::saturating_duration(seconds), std::move(then));
}

void control_timer::cancel() {
  ++*impl_->generation;
  impl_->timer.cancel();
}

}  // namespace locustpp::runtime
