// RFC 6265 §5.1.1 cookie-date parsing (see cookie_date.hpp).
#include "http/cookie_date.hpp"

#include <array>
#include <charconv>

#include "http/ascii.hpp"

namespace locustpp::http {
namespace {

bool is_delimiter(char c) {
  auto byte = static_cast<unsigned char>(c);
  bool digit = byte >= '0' && byte <= '9';
  bool alpha = (byte >= 'a' && byte <= 'z') || (byte >= 'A' && byte <= 'Z');
  return !(digit || alpha || c == ':' || byte >= 0x7f || byte < 0x09 || (byte >= 0x0a && byte <= 0x1f));
}

// 1*max digits at the start of `token` (anything may follow, per the RFC).
std::optional<int> leading_number(std::string_view token, std::size_t min_digits, std::size_t max_digits) {
  std::size_t digits = 0;
  while (digits < token.size() && token[digits] >= '0' && token[digits] <= '9') ++digits;
  if (digits < min_digits || digits > max_digits) return std::nullopt;
  int value = 0;
  std::from_chars(token.data(), token.data() + digits, value);
  return value;
}

bool parse_time(std::string_view token, int& hour, int& minute, int& second) {
  int parts[3];
  for (int i = 0; i < 3; ++i) {
    auto value = leading_number(token, 1, 2);
    if (!value) return false;
    parts[i] = *value;
    std::size_t used = token.find_first_not_of("0123456789");
    token = used == std::string_view::npos ? std::string_view{} : token.substr(used);
    if (i < 2) {
      if (token.empty() || token.front() != ':') return false;
      token.remove_prefix(1);
    }
  }
  hour = parts[0];
  minute = parts[1];
  second = parts[2];
  return true;
}

std::optional<int> month_of(std::string_view token) {
  static constexpr std::array<std::string_view, 12> names = {"jan", "feb", "mar", "apr", "may", "jun",
                                                             "jul", "aug", "sep", "oct", "nov", "dec"};
  if (token.size() < 3) return std::nullopt;
  for (std::size_t i = 0; i < names.size(); ++i) {
    if (equal_ignoring_case(token.substr(0, 3), names[i])) return static_cast<int>(i) + 1;
  }
  return std::nullopt;
}

// Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's algorithm).
std::int64_t days_from_civil(std::int64_t year, int month, int day) {
  year -= month <= 2;
  std::int64_t era = (year >= 0 ? year : year - 399) / 400;
  auto year_of_era = static_cast<unsigned>(year - era * 400);
  unsigned day_of_year =
      (153 * static_cast<unsigned>(month + (month > 2 ? -3 : 9)) + 2) / 5 + static_cast<unsigned>(day) - 1;
  unsigned day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
  return era * 146097 + static_cast<std::int64_t>(day_of_era) - 719468;
}

}  // namespace

std::optional<std::int64_t> parse_cookie_date(std::string_view text) {
  bool found_time = false, found_day = false, found_month = false, found_year = false;
  int hour = 0, minute = 0, second = 0, day = 0, month = 0, year = 0;
  std::size_t at = 0;
  while (at < text.size()) {
    while (at < text.size() && is_delimiter(text[at])) ++at;
    std::size_t end = at;
    while (end < text.size() && !is_delimiter(text[end])) ++end;
    std::string_view token = text.substr(at, end - at);
    at = end;
    if (token.empty()) continue;
    if (!found_time && parse_time(token, hour, minute, second)) {
      found_time = true;
    } else if (auto value = leading_number(token, 1, 2); !found_day && value) {
      found_day = true;
      day = *value;
    } else if (auto named = month_of(token); !found_month && named) {
      found_month = true;
      month = *named;
    } else if (auto number = leading_number(token, 2, 4); !found_year && number) {
      found_year = true;
      year = *number;
    }
  }
  if (found_year && year >= 70 && year <= 99) year += 1900;
  if (found_year && year >= 0 && year <= 69) year += 2000;
  if (!found_time || !found_day || !found_month || !found_year) return std::nullopt;
  if (day < 1 || day > 31 || year < 1601 || hour > 23 || minute > 59 || second > 59) return std::nullopt;
  return days_from_civil(year, month, day) * 86400 + hour * 3600 + minute * 60 + second;
}

}  // namespace locustpp::http
