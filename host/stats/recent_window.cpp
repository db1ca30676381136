// recent_window: a ring of per-second latency deltas (see recent_window.hpp).
#include "stats/recent_window.hpp"

namespace locustpp::stats {
namespace {

std::size_t ring_index(std::int64_t second) {
  constexpr std::int64_t size = recent_window::window_seconds;
  return static_cast<std::size_t>(((second % size) + size) % size);
}

}  // namespace

void recent_window::add(const stats_entry* entry, std::int64_t second, const latency_histogram& delta) {
  second_deltas& slot = seconds_[ring_index(second)];
  if (slot.second != second) {
    if (second < slot.second) return;  // older than the window: nothing to add it to
    slot.second = second;
    slot.by_entry.clear();
  }
  slot.by_entry[entry].merge(delta);
}

std::optional<double> recent_window::percentile_ms(const stats_entry* entry, double fraction,
                                                   std::int64_t now_second) const {
  latency_histogram recent;
  for (const second_deltas& slot : seconds_) {
    if (slot.second <= now_second - window_seconds || slot.second > now_second) continue;
    if (auto it = slot.by_entry.find(entry); it != slot.by_entry.end()) recent.merge(it->second);
  }
  if (recent.count() == 0) return std::nullopt;
  return static_cast<double>(recent.percentile_ns(fraction)) / 1e6;
}

void recent_window::clear() noexcept {
  for (second_deltas& slot : seconds_) {
    slot.second = std::numeric_limits<std::int64_t>::min();
    slot.by_entry.clear();
  }
}

}  // namespace locustpp::stats
