// Cumulative per-epoch-second counters with bounded memory: a ring over the newest hour.
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

namespace locustpp::stats {

// Locust's num_reqs_per_sec / num_fail_per_sec, but only the newest
// `retained_seconds` seconds are kept: counts for older seconds are dropped.
// Not thread-safe (control thread only). The ring (28 KiB) is allocated on first add.
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
    if (!has_data_) return;
    for (std::int64_t second = oldest_kept(); second <= newest_; ++second) {
      const std::uint64_t count = ring_[slot(second)];
      if (count != 0) fn(second, count);
    }
  }

 private:
  static std::size_t slot(std::int64_t epoch_second) noexcept {
    const std::int64_t remainder = epoch_second % retained_seconds;
    return static_cast<std::size_t>(remainder < 0 ? remainder + retained_seconds : remainder);
  }
  std::int64_t oldest_kept() const noexcept {
    return oldest_ > newest_ - retained_seconds + 1 ? oldest_ : newest_ - retained_seconds + 1;
  }
  bool in_kept_range(std::int64_t epoch_second) const noexcept {
    return has_data_ && epoch_second <= newest_ && epoch_second >= oldest_kept();
  }

  std::vector<std::uint64_t> ring_;  // retained_seconds slots, indexed by second mod retained_seconds
  bool has_data_ = false;
  std::int64_t oldest_ = 0;  // oldest second ever added since clear (epoch s)
  std::int64_t newest_ = 0;  // newest second ever added since clear (epoch s)
};

}  // namespace locustpp::stats
