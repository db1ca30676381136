// locustpp command line: Locust's time-span syntax — see timespan.hpp.
#include "cli/timespan.hpp"

#include <charconv>
#include <cmath>
#include <string>

#include <fmt/format.h>

#include "cli/config_error.hpp"

namespace locustpp::cli {
namespace {

[[noreturn]] void reject(std::string_view text) {
  throw config_error(fmt::format("invalid time span '{}': use e.g. 20, 20s, 3m, 2h, 1h20m", text));
}

std::string_view trim_blanks(std::string_view text) {
  const auto first = text.find_first_not_of(" \t\r\n");
  if (first == std::string_view::npos) return {};
  const auto last = text.find_last_not_of(" \t\r\n");
  return text.substr(first, last - first + 1);
}

bool is_number_char(char c) { return (c >= '0' && c <= '9') || c == '.'; }

// Seconds per unit; units must appear in this (descending) order.
struct unit_info {
  char letter;
  double seconds;
};
constexpr unit_info units[] = {{'h', 3600.0}, {'m', 60.0}, {'s', 1.0}};
constexpr std::size_t unit_count = sizeof(units) / sizeof(units[0]);

}  // namespace

double parse_timespan(std::string_view original) {
  const std::string_view text = trim_blanks(original);
  if (text.empty()) reject(original);

  double total = 0;
  std::size_t pos = 0;
  std::size_t next_allowed_unit = 0;  // index into units: enforces order + uniqueness
  bool first_component = true;

  while (pos < text.size()) {
    const std::size_t number_start = pos;
    while (pos < text.size() && is_number_char(text[pos])) ++pos;
    const std::string_view number_text = text.substr(number_start, pos - number_start);
    if (number_text.empty()) reject(original);

    double value = 0;
    const auto [end, error] =
        std::from_chars(number_text.data(), number_text.data() + number_text.size(), value,
                        std::chars_format::fixed);
    if (error != std::errc{} || end != number_text.data() + number_text.size() ||
        !std::isfinite(value)) {
      reject(original);
    }

    if (pos == text.size()) {
      // A bare number ("20") means seconds; a trailing unit-less number after
      // other components ("1h30") is ambiguous, so it is refused.
      if (!first_component) reject(original);
      return value;
    }

    const char letter = text[pos++];
    std::size_t unit = next_allowed_unit;
    while (unit < unit_count && units[unit].letter != letter) ++unit;
    if (unit == unit_count) reject(original);  // unknown, repeated or out of order
    total += value * units[unit].seconds;
    next_allowed_unit = unit + 1;
    first_component = false;
  }
  return total;
}

}  // namespace locustpp::cli
