// ISO 8601 UTC timestamps as Locust writes them ("2024-06-01T12:00:05Z").
#pragma once

#include <string>

namespace locustpp::report {

// epoch_seconds: seconds since the Unix epoch; the fraction is truncated.
std::string format_utc_iso8601(double epoch_seconds);

}  // namespace locustpp::report
