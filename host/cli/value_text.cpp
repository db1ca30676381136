// locustpp command line: reading typed values out of option text — see value_text.hpp.
#include "cli/value_text.hpp"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cmath>

namespace locustpp::cli {
namespace {

constexpr std::string_view blanks = " \t\r\n";

bool is_blank(char c) { return blanks.find(c) != std::string_view::npos; }

char upper_char(char c) { return static_cast<char>(std::toupper(static_cast<unsigned char>(c))); }
char lower_char(char c) { return static_cast<char>(std::tolower(static_cast<unsigned char>(c))); }

}  // namespace

std::string_view trim(std::string_view text) {
  const auto first = text.find_first_not_of(blanks);
  if (first == std::string_view::npos) return {};
  const auto last = text.find_last_not_of(blanks);
  return text.substr(first, last - first + 1);
}

std::string to_upper(std::string_view text) {
  std::string result(text);
  std::transform(result.begin(), result.end(), result.begin(), upper_char);
  return result;
}

std::string to_lower(std::string_view text) {
  std::string result(text);
  std::transform(result.begin(), result.end(), result.begin(), lower_char);
  return result;
}

std::optional<bool> parse_bool_text(std::string_view text) {
  const std::string word = to_lower(trim(text));
  if (word == "true" || word == "yes" || word == "on" || word == "1") return true;
  if (word == "false" || word == "no" || word == "off" || word == "0") return false;
  return std::nullopt;
}

std::optional<long long> parse_integer_text(std::string_view text) {
  const std::string_view digits = trim(text);
  if (digits.empty()) return std::nullopt;
  long long value = 0;
  const auto [end, error] = std::from_chars(digits.data(), digits.data() + digits.size(), value);
  if (error != std::errc{} || end != digits.data() + digits.size()) return std::nullopt;
  return value;
}

std::optional<double> parse_number_text(std::string_view text) {
  const std::string_view digits = trim(text);
  if (digits.empty()) return std::nullopt;
  double value = 0;
  const auto [end, error] = std::from_chars(digits.data(), digits.data() + digits.size(), value);
  if (error != std::errc{} || end != digits.data() + digits.size() || !std::isfinite(value)) {
    return std::nullopt;
  }
  return value;
}

std::string_view unquote(std::string_view text) {
  if (text.size() >= 2 && (text.front() == '"' || text.front() == '\'') &&
      text.back() == text.front()) {
    return text.substr(1, text.size() - 2);
  }
  return text;
}

std::vector<std::string> split_list_text(std::string_view text, bool blanks_separate) {
  std::string_view body = trim(text);
  if (body.size() >= 2 && body.front() == '[' && body.back() == ']') {
    body = body.substr(1, body.size() - 2);
  }
  std::vector<std::string> items;
  std::size_t start = 0;
  for (std::size_t pos = 0; pos <= body.size(); ++pos) {
    const bool at_end = pos == body.size();
    if (!at_end && body[pos] != ',' && !(blanks_separate && is_blank(body[pos]))) continue;
    const std::string_view item = unquote(trim(body.substr(start, pos - start)));
    if (!item.empty()) items.emplace_back(item);
    start = pos + 1;
  }
  return items;
}

}  // namespace locustpp::cli
