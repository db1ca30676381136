// header_text: trimming, name scanning and case-folding compares for response headers.
#include "http/header_text.hpp"

#include <bit>
#include <cstring>
#include <limits>

#include "http/ascii.hpp"

namespace locustpp::http {

std::string_view trimmed(std::string_view text) noexcept {
  while (!text.empty() && is_space_or_tab(text.front())) text.remove_prefix(1);
  while (!text.empty() && (is_space_or_tab(text.back()) || text.back() == '\r')) text.remove_suffix(1);
  return text;
}

std::size_t name_length(std::string_view line) noexcept {
  constexpr std::uint64_t ones = 0x0101010101010101ULL;
  constexpr std::uint64_t high_bits = 0x8080808080808080ULL;
  std::size_t at = 0;
  for (; at + 8 <= line.size(); at += 8) {
    std::uint64_t word = 0;
    std::memcpy(&word, line.data() + at, 8);
    // A high bit per byte that is < 0x21, > 0x7E or ':'. Borrows and carries
    // only run from a flagged byte into later ones, so the first flag is exact.
    const std::uint64_t below = (word - ones * 0x21) & ~word;
    const std::uint64_t above = (word + ones * (0x7F - 0x7E)) | word;
    const std::uint64_t colon_bytes = word ^ (ones * ':');
    const std::uint64_t colon = (colon_bytes - ones) & ~colon_bytes;
    const std::uint64_t flags = (below | above | colon) & high_bits;
    if (flags != 0) return at + static_cast<std::size_t>(std::countr_zero(flags)) / 8;
  }
  while (at < line.size()) {
    const auto byte = static_cast<unsigned char>(line[at]);
    if (byte < 0x21 || byte > 0x7E || byte == ':') break;
    ++at;
  }
  return at;
}

bool is_field(std::string_view name, std::string_view lowercase) noexcept {
  const std::size_t size = name.size();
  if (size != lowercase.size()) return false;
  if (size < 8) {
    for (std::size_t at = 0; at < size; ++at) {
      if ((name[at] | 0x20) != lowercase[at]) return false;
    }
    return true;
  }
  constexpr std::uint64_t case_bits = 0x2020202020202020ULL;
  const auto chunk_matches = [&](std::size_t at) {
    std::uint64_t have = 0, want = 0;
    std::memcpy(&have, name.data() + at, 8);
    std::memcpy(&want, lowercase.data() + at, 8);
    return (have | case_bits) == want;
  };
  for (std::size_t at = 0; at + 8 <= size; at += 8) {
    if (!chunk_matches(at)) return false;
  }
  return size % 8 == 0 || chunk_matches(size - 8);  // the tail, overlapping
}

bool contains_ignoring_case(std::string_view text, std::string_view lowercase_word) noexcept {
  if (lowercase_word.empty()) return true;
  const char first = lowercase_word.front();
  for (std::size_t at = 0; at + lowercase_word.size() <= text.size(); ++at) {
    if ((text[at] | 0x20) == first && equal_ignoring_case(text.substr(at, lowercase_word.size()), lowercase_word)) {
      return true;
    }
  }
  return false;
}

std::optional<std::uint64_t> parse_unsigned(std::string_view digits, unsigned base) noexcept {
  if (digits.empty()) return std::nullopt;
  std::uint64_t value = 0;
  for (const char c : digits) {
    unsigned digit = 0;
    if (c >= '0' && c <= '9') {
      digit = static_cast<unsigned>(c - '0');
    } else if (base == 16 && c >= 'a' && c <= 'f') {
      digit = static_cast<unsigned>(c - 'a' + 10);
    } else if (base == 16 && c >= 'A' && c <= 'F') {
      digit = static_cast<unsigned>(c - 'A' + 10);
    } else {
      return std::nullopt;
    }
    if (value > (std::numeric_limits<std::uint64_t>::max() - digit) / base) return std::nullopt;
    value = value * base + digit;
  }
  return value;
}

}  // namespace locustpp::http
