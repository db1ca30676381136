// Small, fast text tests for response header lines (the parser's hot path).
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string_view>

namespace locustpp::http {

inline bool is_space_or_tab(char c) noexcept {
  return c == ' ' || c == '\t';
}

// Without leading spaces/tabs and trailing spaces/tabs/CRs.
std::string_view trimmed(std::string_view text) noexcept;

// The length of the header name that starts `line`: the bytes before the
// first one Python's email parser does not accept in a name (anything but
// printable ASCII 0x21-0x7E, or ':'). Eight bytes at a time.
std::size_t name_length(std::string_view line) noexcept;

// Whether a header name (bytes 0x21-0x7E, as name_length accepts) equals
// `lowercase` ignoring case, where every byte of `lowercase` has bit 0x20 set
// (lower-case letters, digits, '-'): OR-ing 0x20 into a name byte then folds
// its case and cannot make any other name byte match.
bool is_field(std::string_view name, std::string_view lowercase) noexcept;

// Python's `word in text.lower()`, for a lower-case word.
bool contains_ignoring_case(std::string_view text, std::string_view lowercase_word) noexcept;

// Digits of `base` (10 or 16) only, no sign or spaces; nullopt when empty,
// anything else, or above 2^64 - 1.
std::optional<std::uint64_t> parse_unsigned(std::string_view digits, unsigned base) noexcept;

}  // namespace locustpp::http
