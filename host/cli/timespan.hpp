// locustpp command line: Locust's time-span syntax (--run-time, --stop-timeout).
//
// Accepted forms (surrounding whitespace is ignored):
//   "20"        a bare number means seconds
//   "20s", "3m", "2h"
//   "1h30m", "1h30m15s", "3m10s"   units in descending order, each at most once
//   "1.5s", "0.5h"                 decimals are allowed in every component
// Rejected: empty text, negative numbers, unknown units, repeated or
// out-of-order units, inner spaces. Locust itself silently reads garbage such
// as "3x" as 0 seconds; we refuse it instead.
#pragma once

#include <string_view>

namespace locustpp::cli {

// Returns the span in seconds. Throws config_error naming the bad text.
double parse_timespan(std::string_view text);

}  // namespace locustpp::cli
