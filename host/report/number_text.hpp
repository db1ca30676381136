// Plain-text numbers for the CSV files: fixed decimals with trailing zeros
// trimmed, and Python's repr() of a float (what Locust's csv.writer prints).
#pragma once

#include <string>

namespace locustpp::report {

// Rounds to `max_decimals` and drops trailing zeros and a bare point:
// (12.3004, 3) -> "12.3", (7.0, 3) -> "7", (0.0004, 3) -> "0".
std::string format_trimmed(double value, int max_decimals);

// Python's repr() of a float: the shortest text that reads back as the same
// double, ".0" on whole numbers, an exponent outside 1e-4 <= |x| < 1e16:
// 3.0 -> "3.0", 0.1 -> "0.1", 2.5e-05 -> "2.5e-05", 1e16 -> "1e+16".
std::string python_float_repr(double value);

}  // namespace locustpp::report
