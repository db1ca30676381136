// Notices worker threads that stopped answering: a task (or hook) that
// spins without co_await blocks its whole thread. Every second the control
// thread pings each worker; a worker whose ping stays unanswered is silent,
// and the plugin code it runs is named:
//   Shopper.browse has not yielded for 5 s (worker thread 1) in module com.example.shop
// Control thread only.
#pragma once

#include <chrono>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace locustpp::runtime {

class worker;

class worker_watchdog {
 public:
  using clock = std::chrono::steady_clock;
  // A silent worker is reported from this long on, then every report_every.
  static constexpr clock::duration stuck_after = std::chrono::seconds(3);
  static constexpr clock::duration report_every = std::chrono::seconds(10);

  explicit worker_watchdog(const std::vector<std::unique_ptr<worker>>& workers);

  // Pings the workers that answered, and logs the ones silent too long.
  void tick();
  // How long worker `index` has not answered a ping (zero if it has).
  clock::duration silent_for(std::size_t index) const;
  // "<site> has not yielded for N s (worker thread K) in module <id>".
  std::string describe(std::size_t index) const;

 private:
  struct watch {
    std::uint64_t sent = 0;           // the last ping sequence sent
    clock::time_point sent_at{};      // when
    clock::time_point reported_at{};  // last warning, or epoch
  };
  const std::vector<std::unique_ptr<worker>>& workers_;
  std::vector<watch> watches_;
};

}  // namespace locustpp::runtime
