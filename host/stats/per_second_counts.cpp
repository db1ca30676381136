// per_second_counts: ring maintenance when time moves forward.
#include "stats/per_second_counts.hpp"

#include <algorithm>

namespace locustpp::stats {

void per_second_counts::add(std::int64_t epoch_second, std::uint64_t count) {
  if (!has_data_) {
    if (ring_.empty()) ring_.assign(static_cast<std::size_t>(retained_seconds), 0);
    has_data_ = true;
    oldest_ = newest_ = epoch_second;
  } else if (epoch_second > newest_) {
    // Zero the slots of the seconds we skip over (they still hold counts from an hour ago).
    if (epoch_second - newest_ >= retained_seconds) {
      std::fill(ring_.begin(), ring_.end(), 0);
    } else {
      for (std::int64_t second = newest_ + 1; second <= epoch_second; ++second) ring_[slot(second)] = 0;
    }
    newest_ = epoch_second;
  } else if (epoch_second < oldest_kept()) {
    if (epoch_second <= newest_ - retained_seconds) return;  // older than the kept hour: dropped
    oldest_ = epoch_second;                                  // a late, older second still in range
  }
  ring_[slot(epoch_second)] += count;
}

std::uint64_t per_second_counts::at(std::int64_t epoch_second) const noexcept {
  return in_kept_range(epoch_second) ? ring_[slot(epoch_second)] : 0;
}

std::uint64_t per_second_counts::sum(std::int64_t first, std::int64_t last) const noexcept {
  if (!has_data_) return 0;
  first = std::max(first, oldest_kept());
  last = std::min(last, newest_);
  std::uint64_t total = 0;
  for (std::int64_t second = first; second <= last; ++second) total += ring_[slot(second)];
  return total;
}

void per_second_counts::clear() noexcept {
  if (has_data_) std::fill(ring_.begin(), ring_.end(), 0);
  has_data_ = false;
  oldest_ = newest_ = 0;
}

}  // namespace locustpp::stats
