// Locust's rounded response-time buckets (bucket_response_time), for Locust-compatible exports.
#pragma once

#include <cstdint>

namespace locustpp::report {

// ms < 100 -> round(ms); < 1000 -> nearest 10; < 10000 -> nearest 100; else nearest 1000.
// Halves round to even, as Python's round() does (e.g. 145 -> 140, 155 -> 160).
std::int64_t locust_bucket_ms(double ms);

}  // namespace locustpp::report
