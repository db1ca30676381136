// A lock for data one worker thread touches per request and the control
// thread about once a second (its statistics shard): taking it uncontended
// costs one atomic exchange, and it is never held across anything that can
// block or call plugin code.
#pragma once

#include <atomic>
#include <thread>

namespace locustpp::runtime {

class spin_lock {
 public:
  void lock() noexcept {
    while (locked_.exchange(true, std::memory_order_acquire)) {
      while (locked_.load(std::memory_order_relaxed)) std::this_thread::yield();
    }
  }
  void unlock() noexcept { locked_.store(false, std::memory_order_release); }

 private:
  std::atomic<bool> locked_{false};
};

}  // namespace locustpp::runtime
