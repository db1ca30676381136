// per_second_counts: sorted inserts, saturating adds and dropping seconds older than the kept hour.
#include "stats/per_second_counts.hpp"

#include <algorithm>
#include <iterator>
#include <limits>

namespace locustpp::stats {
namespace {

constexpr std::uint64_t max_count = std::numeric_limits<std::uint32_t>::max();

std::uint32_t saturated(std::uint64_t count) noexcept {
  return static_cast<std::uint32_t>(std::min(count, max_count));
}

}  // namespace

per_second_counts::iterator per_second_counts::first_at_or_after(std::int64_t epoch_second) const noexcept {
  return std::lower_bound(
      seconds_.begin(), seconds_.end(), epoch_second,
      [this](const second_count& held, std::int64_t wanted) { return base_ + held.offset < wanted; });
}

void per_second_counts::add(std::int64_t epoch_second, std::uint64_t count) {
  const bool far_from_base = epoch_second - base_ > std::numeric_limits<std::int32_t>::max() ||
                             epoch_second - base_ < std::numeric_limits<std::int32_t>::min();
  if (seconds_.empty() || (far_from_base && epoch_second > newest())) {
    // First second, or a jump so far ahead that everything held has expired anyway.
    seconds_.clear();
    base_ = epoch_second;
    seconds_.push_back({0, saturated(count)});
    return;
  }
  if (epoch_second < oldest_kept()) return;  // older than the kept hour: dropped

  const auto offset = static_cast<std::int32_t>(epoch_second - base_);
  if (offset > seconds_.back().offset) {
    seconds_.push_back({offset, saturated(count)});
    drop_expired();
    return;
  }
  // A second at or before the newest: usually the newest itself (shards are
  // merged about once a second), else found by binary search, so that a
  // report with thousands of old seconds costs no walk per second.
  if (seconds_.back().offset == offset) {
    seconds_.back().count = saturated(std::uint64_t{seconds_.back().count} + count);
    return;
  }
  auto position = std::lower_bound(seconds_.begin(), seconds_.end(), offset,
                                   [](const second_count& held, std::int32_t wanted) { return held.offset < wanted; });
  if (position != seconds_.end() && position->offset == offset) {
    position->count = saturated(std::uint64_t{position->count} + count);
    return;
  }
  seconds_.insert(position, {offset, saturated(count)});
}

void per_second_counts::drop_expired() {
  // Erase only once an eighth of the vector has expired: amortised O(1) per added
  // second, and the vector never holds much more than the kept hour.
  const auto expired = static_cast<std::size_t>(first_at_or_after(oldest_kept()) - seconds_.begin());
  if (expired == 0 || expired * 8 < seconds_.size()) return;
  seconds_.erase(seconds_.begin(), seconds_.begin() + static_cast<std::ptrdiff_t>(expired));
  // Re-base on the oldest second kept, so that offsets stay small however long the run.
  const std::int32_t shift = seconds_.front().offset;
  base_ += shift;
  for (second_count& held : seconds_) held.offset -= shift;
}

std::uint64_t per_second_counts::at(std::int64_t epoch_second) const noexcept {
  if (seconds_.empty() || epoch_second < oldest_kept()) return 0;
  const auto it = first_at_or_after(epoch_second);
  return it != seconds_.end() && base_ + it->offset == epoch_second ? it->count : 0;
}

std::uint64_t per_second_counts::sum(std::int64_t first, std::int64_t last) const noexcept {
  std::uint64_t total = 0;
  for (auto it = first_at_or_after(std::max(first, oldest_kept())); it != seconds_.end(); ++it) {
    if (base_ + it->offset > last) break;
    total += it->count;
  }
  return total;
}

void per_second_counts::clear() noexcept {
  seconds_.clear();
  base_ = 0;
}

}  // namespace locustpp::stats
