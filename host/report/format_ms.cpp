// format_ms: choosing the decimals from the integer digits of the rounded value.
#include "report/format_ms.hpp"

#include <fmt/format.h>

namespace locustpp::report {
namespace {

std::size_t integer_digits(const std::string& text) {
  const std::size_t point = text.find('.');
  const std::size_t end = point == std::string::npos ? text.size() : point;
  return text[0] == '-' ? end - 1 : end;
}

}  // namespace

std::string format_ms(double ms) {
  std::string text = fmt::format("{:.2f}", ms);
  if (integer_digits(text) < 2) return text;
  text = fmt::format("{:.1f}", ms);
  if (integer_digits(text) < 3) return text;
  return fmt::format("{:.0f}", ms);
}

}  // namespace locustpp::report
