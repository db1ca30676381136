// Cumulative per-epoch-second counters with bounded memory: the newest hour, stored sparsely.
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

namespace locustpp::stats {

// Locust's num_reqs_per_sec / num_fail_per_sec, but only the newest
// `retained_seconds` seconds are kept: counts for older seconds are dropped.
// Only seconds with a count take memory (8 bytes each), so an entry hit a few
// times costs a few bytes, and one hit every second at most ~32 KiB after an hour.
// A count saturates at 2^32 - 1 per second.
// Not thread-safe (control thread only).
class per_second_counts {
 public:
  static constexpr std::int64_t retained_seconds = 3600;

  void add(std::int64_t epoch_second, std::uint64_t count);
  std::uint64_t at(std::int64_t epoch_second) const noexcept;  // 0 outside the kept range
  // Sum of the counts of seconds first..last inclusive (0 if last < first).
  std::uint64_t sum(std::int64_t first, std::int64_t last) const noexcept;
  void clear() noexcept;

  // Calls fn(epoch_second, count) for every non-zero kept second, ascending.
  template <class Fn>
  void for_each(Fn&& fn) const {
    for (auto it = first_at_or_after(oldest_kept()); it != seconds_.end(); ++it) fn(base_ + it->offset, it->count);
  }

 private:
  struct second_count {
    std::int32_t offset;  // epoch second - base_
    std::uint32_t count;
  };
  using iterator = std::vector<second_count>::const_iterator;

  std::int64_t newest() const noexcept { return base_ + seconds_.back().offset; }  // seconds_ not empty
  std::int64_t oldest_kept() const noexcept { return seconds_.empty() ? 0 : newest() - retained_seconds + 1; }
  iterator first_at_or_after(std::int64_t epoch_second) const noexcept;
  void drop_expired();

  // Ascending by second, no duplicates. Seconds older than the kept hour may linger at
  // the front until enough of them pile up to be worth erasing; readers skip them.
  std::vector<second_count> seconds_;
  std::int64_t base_ = 0;  // epoch second that offsets count from
};

}  // namespace locustpp::stats
