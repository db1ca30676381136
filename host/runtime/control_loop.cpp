// The control thread's event loop (see control_loop.hpp).
#include "runtime/control_loop.hpp"

#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/signal_set.hpp>
#include <csignal>
#include <optional>

namespace locustpp::runtime {

struct control_loop::running {
  explicit running(boost::asio::io_context& io) : keep(boost::asio::make_work_guard(io)) {}
  void wait_for_signal() {
    signals->async_wait([this](boost::system::error_code ec, int signal) {
      if (ec || !handler) return;  // finished: a signal that came just before is not served
      handler(signal);
      if (handler) wait_for_signal();
    });
  }
  std::optional<boost::asio::executor_work_guard<boost::asio::io_context::executor_type>> keep;
  // Made by on_quit_signals, after any fork: Asio's signal state (a pipe)
  // made before a fork would be shared by the children, and one child
  // could take the other's signal.
  std::optional<boost::asio::signal_set> signals;
  std::function<void(int)> handler;
};

// Hint 1: only the control thread runs it.
control_loop::control_loop()
    : io_(std::make_unique<boost::asio::io_context>(1)), running_(std::make_unique<running>(*io_)) {}
control_loop::~control_loop() = default;

void control_loop::after_fork(bool in_child) {
  io_->notify_fork(in_child ? boost::asio::execution_context::fork_child : boost::asio::execution_context::fork_parent);
}

void control_loop::post(std::function<void()> job) {
  boost::asio::post(*io_, std::move(job));
}

void control_loop::run() {
  io_->run();
}

void control_loop::finish() {
  running_->handler = nullptr;
  if (running_->signals) running_->signals->cancel();
  running_->keep.reset();
}

void control_loop::on_quit_signals(std::function<void(int)> handler) {
  bool waiting = static_cast<bool>(running_->handler);
  if (!running_->signals) running_->signals.emplace(*io_, SIGINT, SIGTERM);
  running_->handler = std::move(handler);
  if (!waiting) running_->wait_for_signal();
}

}  // namespace locustpp::runtime
