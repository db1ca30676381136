// Log-linear (HDR-style) latency histogram in nanoseconds: O(1) record, ~0.8% bucket
// precision, memory only for the bucket ranges that samples fall into.
#pragma once

#include <algorithm>
#include <array>
#include <bit>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <vector>

namespace locustpp::stats {

// Values below 128 ns get one bucket each. Above that every power-of-two range
// [2^k, 2^(k+1)) is cut into 64 equal sub-buckets, so a bucket is at most 1/64 of
// its lower bound wide and its midpoint lies within 1/128 (0.78%) of every value in
// it. Values of 2^43 ns (~2.4 h) and more share the top bucket; count, min, max and
// sum stay exact for every value.
//
// Memory: the 2,432 buckets are grouped into pages of 16 consecutive buckets (128
// bytes), and a page is allocated the first time a value falls into it. Latencies of
// one request name usually span a few powers of two, so a histogram costs about
// 0.2 KiB plus 1-3 KiB of pages rather than the 19 KiB of a dense array.
//
// Thread rules: none inside; one owner at a time (a worker's shard, or the control
// thread's registry). Copyable. A moved-from histogram may only be assigned or destroyed.
class latency_histogram {
 public:
  static constexpr unsigned sub_bucket_bits = 6;               // 64 sub-buckets per power of two
  static constexpr unsigned exact_bits = sub_bucket_bits + 1;  // values < 2^7 = 128 ns are exact
  static constexpr unsigned tracked_bits = 43;                 // values < 2^43 ns get their own bucket
  static constexpr std::size_t bucket_count =
      (std::size_t{tracked_bits - exact_bits} << sub_bucket_bits) + (std::size_t{1} << exact_bits);
  static constexpr unsigned page_bits = 4;  // 16 buckets per page
  static constexpr std::size_t page_buckets = std::size_t{1} << page_bits;
  static constexpr std::size_t page_count = bucket_count / page_buckets;
  static_assert(bucket_count % page_buckets == 0);

  // O(1), no floating point. Allocates only when the value is the first in its page.
  void record(std::uint64_t nanoseconds) {
    ++counter(bucket_index(nanoseconds));
    ++count_;
    sum_ns_ += nanoseconds;  // wraps only after 2^64 ns (~584 years) of summed latency
    min_ns_ = std::min(min_ns_, nanoseconds);
    max_ns_ = std::max(max_ns_, nanoseconds);
  }

  // Allocates the pages `other` uses that this one lacks.
  void merge(const latency_histogram& other);
  // Adds `count` values to bucket `index` (< bucket_count) without touching count,
  // sum, min or max: for rebuilding a histogram sent by another process, which
  // then sets those with restore_totals().
  void add_to_bucket(std::size_t index, std::uint64_t count) { counter(index) += count; }
  // Adds the exact totals of values whose buckets were added with add_to_bucket.
  void restore_totals(std::uint64_t count, std::uint64_t sum_ns, std::uint64_t min_ns, std::uint64_t max_ns) noexcept {
    if (count == 0) return;
    count_ += count;
    sum_ns_ += sum_ns;
    min_ns_ = std::min(min_ns_, min_ns);
    max_ns_ = std::max(max_ns_, max_ns);
  }
  void clear() noexcept;  // zeroes the counts, keeps the pages (no allocation when refilled alike)

  std::uint64_t count() const noexcept { return count_; }
  std::uint64_t min_ns() const noexcept { return count_ == 0 ? 0 : min_ns_; }  // exact; 0 when empty
  std::uint64_t max_ns() const noexcept { return max_ns_; }                    // exact; 0 when empty
  std::uint64_t sum_ns() const noexcept { return sum_ns_; }                    // exact
  // Heap bytes held by the pages (for tests and the memory guard rails).
  std::size_t allocated_bytes() const noexcept { return pages_.capacity() * sizeof(page); }

  // Nearest-rank percentile: the value at rank ceil(fraction*count) (at least 1) in
  // sorted order, reported as its bucket's midpoint clamped into [min_ns, max_ns].
  // Rank 1 gives min_ns and the last rank (so fraction >= 1.0) max_ns exactly; 0 when empty.
  std::uint64_t percentile_ns(double fraction) const noexcept;

  // Calls fn(representative_ns, count) for every non-empty bucket in ascending order;
  // representative_ns is the bucket midpoint clamped into [min_ns, max_ns].
  template <class Fn>
  void for_each_bucket(Fn&& fn) const {
    for_each_count([&](std::size_t index, std::uint64_t count) {
      fn(clamped_representative(index), count);
      return true;
    });
  }

  // Calls fn(bucket_index, count) for every non-empty bucket in ascending order
  // (for exporters that send the histogram itself, not its representatives).
  template <class Fn>
  void for_each_bucket_count(Fn&& fn) const {
    for_each_count([&](std::size_t index, std::uint64_t count) {
      fn(index, count);
      return true;
    });
  }

  // Bucket arithmetic, public for tests and exporters.
  static std::size_t bucket_index(std::uint64_t nanoseconds) noexcept {
    // OR-ing in the exact range makes values < 128 use shift 0 (index = value) without a branch.
    const unsigned shift = static_cast<unsigned>(std::bit_width(nanoseconds | ((1u << exact_bits) - 1))) - exact_bits;
    const std::size_t index = (std::size_t{shift} << sub_bucket_bits) + static_cast<std::size_t>(nanoseconds >> shift);
    return std::min(index, bucket_count - 1);
  }
  static std::uint64_t bucket_lower_bound(std::size_t index) noexcept;
  static std::uint64_t bucket_width(std::size_t index) noexcept;
  static std::uint64_t bucket_midpoint(std::size_t index) noexcept {
    return bucket_lower_bound(index) + bucket_width(index) / 2;
  }

 private:
  using page = std::array<std::uint64_t, page_buckets>;
  static constexpr std::uint8_t no_page = 0;
  static_assert(page_count < std::numeric_limits<std::uint8_t>::max(), "page numbers must fit page_slot_");

  std::uint64_t& counter(std::size_t index) {
    std::uint8_t& slot = page_slot_[index >> page_bits];
    if (slot == no_page) [[unlikely]]
      slot = add_page();
    return pages_[slot - 1][index & (page_buckets - 1)];
  }
  std::uint8_t add_page();  // returns the new page's slot number (1-based)

  // Calls fn(bucket_index, count) for every non-empty bucket in ascending order
  // until fn returns false. Walks only the pages between min and max.
  template <class Fn>
  void for_each_count(Fn&& fn) const {
    if (count_ == 0) return;
    const std::size_t last_page = bucket_index(max_ns_) >> page_bits;
    for (std::size_t page_number = bucket_index(min_ns_) >> page_bits; page_number <= last_page; ++page_number) {
      const std::uint8_t slot = page_slot_[page_number];
      if (slot == no_page) continue;
      const page& counts = pages_[slot - 1];
      for (std::size_t offset = 0; offset < page_buckets; ++offset) {
        if (counts[offset] != 0 && !fn((page_number << page_bits) + offset, counts[offset])) return;
      }
    }
  }

  std::uint64_t clamped_representative(std::size_t index) const noexcept {
    return std::clamp(bucket_midpoint(index), min_ns_, max_ns_);
  }

  // Per page number, 1 + the page's position in pages_, or no_page.
  std::array<std::uint8_t, page_count> page_slot_{};
  std::vector<page> pages_;                                           // in the order they were first needed
  std::uint64_t count_ = 0;                                           // number of recorded values
  std::uint64_t sum_ns_ = 0;                                          // exact sum of recorded values, ns
  std::uint64_t min_ns_ = std::numeric_limits<std::uint64_t>::max();  // sentinel while empty
  std::uint64_t max_ns_ = 0;
};

}  // namespace locustpp::stats
