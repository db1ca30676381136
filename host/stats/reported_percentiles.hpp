// The fixed percentile list Locust reports (PERCENTILES_TO_REPORT), with its display labels.
#pragma once

#include <array>
#include <string_view>

namespace locustpp::stats {

struct reported_percentile {
  double fraction;              // 0.0 - 1.0
  std::string_view column;      // console/CSV column title, e.g. "99.9%"
  std::string_view python_key;  // Python's str(fraction), e.g. "0.999": the JSON key
};

// Same order as Locust's PERCENTILES_TO_REPORT, used by the console, CSV and JSON outputs.
inline constexpr std::array<reported_percentile, 11> percentiles_to_report{{
    {0.50, "50%", "0.5"},
    {0.66, "66%", "0.66"},
    {0.75, "75%", "0.75"},
    {0.80, "80%", "0.8"},
    {0.90, "90%", "0.9"},
    {0.95, "95%", "0.95"},
    {0.98, "98%", "0.98"},
    {0.99, "99%", "0.99"},
    {0.999, "99.9%", "0.999"},
    {0.9999, "99.99%", "0.9999"},
    {1.0, "100%", "1.0"},
}};

}  // namespace locustpp::stats
