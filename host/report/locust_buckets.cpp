// locust_bucket_ms: Python round() semantics via nearbyint in the default round-to-nearest-even mode.
#include "report/locust_buckets.hpp"

#include <cmath>

namespace locustpp::report {
namespace {

std::int64_t round_to_multiple(double value, double step) {
  return static_cast<std::int64_t>(std::nearbyint(value / step) * step);
}

}  // namespace

std::int64_t locust_bucket_ms(double ms) {
  if (ms < 100.0) return round_to_multiple(ms, 1.0);
  if (ms < 1'000.0) return round_to_multiple(ms, 10.0);
  if (ms < 10'000.0) return round_to_multiple(ms, 100.0);
  return round_to_multiple(ms, 1'000.0);
}

}  // namespace locustpp::report
