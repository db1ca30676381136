// Plain-text numbers for the CSV files: fixed decimals with trailing zeros trimmed.
#pragma once

#include <string>

namespace locustpp::report {

// Rounds to `max_decimals` and drops trailing zeros and a bare point:
// (12.3004, 3) -> "12.3", (7.0, 3) -> "7", (0.0004, 3) -> "0".
std::string format_trimmed(double value, int max_decimals);

}  // namespace locustpp::report
