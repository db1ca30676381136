// Small text helpers the route handlers need: URL query decoding, number
// parsing, Base64 for Basic auth, case-insensitive comparison.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace demo_target {

struct QueryParam {
  std::string name;
  std::string value;
};

// Decodes %XX escapes (and '+' as space when `plus_is_space`); malformed
// escapes are kept literally rather than rejected, as browsers do.
std::string percent_decode(std::string_view text, bool plus_is_space);

// "a=1&b=&c" -> {a,1} {b,""} {c,""}, names and values decoded, order kept.
std::vector<QueryParam> parse_query(std::string_view query);
std::optional<std::string> find_param(const std::vector<QueryParam>& params, std::string_view name);

// Strict decimal: digits only, no sign, no spaces, value <= max.
std::optional<std::uint64_t> parse_uint(std::string_view text, std::uint64_t max);

std::string base64_encode(std::string_view bytes);

bool iequals(std::string_view a, std::string_view b);
std::string_view trim(std::string_view text);

// True if the text may go into a header value verbatim (no CR, LF or NUL).
bool safe_header_value(std::string_view text);

}  // namespace demo_target
