// Counts that saturate instead of wrapping: counts merged from other
// processes are checked per report, but many reports can still add up past
// 2^64, and a total that wraps to a small number would be a silent miscount.
#pragma once

#include <cstdint>
#include <limits>

namespace locustpp::stats {

constexpr std::uint64_t saturating_add(std::uint64_t a, std::uint64_t b) noexcept {
  std::uint64_t sum = 0;
  return __builtin_add_overflow(a, b, &sum) ? std::numeric_limits<std::uint64_t>::max() : sum;
}

}  // namespace locustpp::stats
