// Worker liveness (see worker_watchdog.hpp).
#include "runtime/worker_watchdog.hpp"

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include "runtime/worker.hpp"

namespace locustpp::runtime {

worker_watchdog::worker_watchdog(const std::vector<std::unique_ptr<worker>>& workers)
    : workers_(workers), watches_(workers.size()) {}

void worker_watchdog::tick() {
  clock::time_point now = clock::now();
  for (std::size_t i = 0; i < workers_.size(); ++i) {
    watch& w = watches_[i];
    if (workers_[i]->answered_ping() == w.sent) {
      w.reported_at = {};
      w.sent_at = now;
      workers_[i]->ping(++w.sent);
      continue;
    }
    if (now - w.sent_at >= stuck_after && now - w.reported_at >= report_every) {
      w.reported_at = now;
      spdlog::warn("{}", describe(i));
    }
  }
}

worker_watchdog::clock::duration worker_watchdog::silent_for(std::size_t index) const {
  const watch& w = watches_[index];
  if (workers_[index]->answered_ping() == w.sent) return clock::duration::zero();
  return clock::now() - w.sent_at;
}

std::string worker_watchdog::describe(std::size_t index) const {
  auto seconds = std::chrono::duration_cast<std::chrono::seconds>(silent_for(index)).count();
  const plugin::code_site* site = workers_[index]->running_site();
  if (site == nullptr) return fmt::format("worker thread {} has not answered for {} s", index, seconds);
  return fmt::format("{} has not yielded for {} s (worker thread {}) in module {}", site->label, seconds, index,
                     site->module);
}

}  // namespace locustpp::runtime
