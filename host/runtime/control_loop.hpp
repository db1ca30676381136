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
  // For the control thread's own timers and signals.
  boost::asio::io_context& io() noexcept { return *io_; }

 private:
  std::unique_ptr<boost::asio::io_context> io_;
};

}  // namespace locustpp::runtime
