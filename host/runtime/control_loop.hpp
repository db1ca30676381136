// The control thread's event loop: one per process, created by main before
// any module loads and alive until the process ends, so that any thread
// (a worker, a plugin's own thread) can always post work to it. Asio stays
// out of this header.
#pragma once

#include <functional>
#include <memory>

namespace boost::asio {
class io_context;
}

namespace locustpp::runtime {

class control_loop {
 public:
  control_loop();
  ~control_loop();
  control_loop(const control_loop&) = delete;
  control_loop& operator=(const control_loop&) = delete;

  // Runs `job` on the control thread. Thread-safe.
  void post(std::function<void()> job);
  // After fork(): the child's loop must not share the parent's epoll state.
  void after_fork(bool in_child);
  // Runs the loop on the calling thread (it becomes the control thread)
  // until finish(), even while nothing of its own is pending (the workers'
  // posts may still come).
  void run();
  void finish();
  // SIGINT and SIGTERM call `handler` on the control thread, each time,
  // until finish(). Call it after any fork (after_fork), not before.
  void on_quit_signals(std::function<void(int)> handler);
  // For the control thread's own timers and signals.
  boost::asio::io_context& io() noexcept { return *io_; }

 private:
  struct running;  // what keeps the loop running, and its signal handling
  std::unique_ptr<boost::asio::io_context> io_;
  std::unique_ptr<running> running_;
};

}  // namespace locustpp::runtime
