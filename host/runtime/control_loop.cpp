// The control thread's event loop (see control_loop.hpp).
#include "runtime/control_loop.hpp"

#include <boost/asio/io_context.hpp>
#include <boost/asio/post.hpp>

namespace locustpp::runtime {

// Hint 1: only the control thread runs it.
control_loop::control_loop() : io_(std::make_unique<boost::asio::io_context>(1)) {}
control_loop::~control_loop() = default;

void control_loop::after_fork(bool in_child) {
  io_->notify_fork(in_child ? boost::asio::execution_context::fork_child : boost::asio::execution_context::fork_parent);
}

void control_loop::post(std::function<void()> job) {
  boost::asio::post(*io_, std::move(job));
}

}  // namespace locustpp::runtime
