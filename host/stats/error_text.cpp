// fold_hex_addresses: one forward scan, copying into the scratch buffer only once an address is seen.
#include "stats/error_text.hpp"

#include <cstddef>

namespace locustpp::stats {
namespace {

constexpr std::size_t min_address_digits = 6;
constexpr std::string_view folded_address = "0x....";

bool is_hex_digit(char c) noexcept {
  return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}
bool is_word_char(char c) noexcept {
  return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
}

// Number of characters of the address starting at `pos` ("0x" + digits), or 0 if none starts there.
std::size_t address_length_at(std::string_view text, std::size_t pos) noexcept {
  if (pos + 1 >= text.size() || text[pos] != '0' || (text[pos + 1] != 'x' && text[pos + 1] != 'X')) return 0;
  if (pos > 0 && is_word_char(text[pos - 1])) return 0;
  std::size_t end = pos + 2;
  while (end < text.size() && is_hex_digit(text[end])) ++end;
  const std::size_t digits = end - pos - 2;
  if (digits < min_address_digits) return 0;
  if (end < text.size() && is_word_char(text[end])) return 0;  // e.g. "0x123456789xyz" is not an address
  return end - pos;
}

}  // namespace

std::string_view fold_hex_addresses(std::string_view text, std::string& scratch) {
  std::size_t copied_up_to = 0;
  bool folded_any = false;
  for (std::size_t pos = 0; pos < text.size(); ++pos) {
    const std::size_t length = address_length_at(text, pos);
    if (length == 0) continue;
    if (!folded_any) {
      scratch.clear();
      folded_any = true;
    }
    scratch.append(text.substr(copied_up_to, pos - copied_up_to));
    scratch.append(folded_address);
    copied_up_to = pos + length;
    pos = copied_up_to - 1;
  }
  if (!folded_any) return text;
  scratch.append(text.substr(copied_up_to));
  return scratch;
}

}  // namespace locustpp::stats
