// format_trimmed: fixed-point formatting followed by zero trimming.
#include "report/number_text.hpp"

#include <fmt/format.h>

namespace locustpp::report {

std::string format_trimmed(double value, int max_decimals) {
  std::string text = fmt::format("{:.{}f}", value, max_decimals);
  if (text.find('.') != std::string::npos) {
    text.erase(text.find_last_not_of('0') + 1);
    if (text.back() == '.') text.pop_back();
  }
  if (text == "-0") text = "0";  // a tiny negative rounding to zero
  return text;
}

}  // namespace locustpp::report
