// locustpp command line: reading typed values out of option text.
//
// Shared by built-in and plugin options so that "yes", " 5 " or "[a, b]" mean
// the same thing whether they come from locust.conf, a variable or argv.
// These helpers report failure with an empty optional; callers word the error
// because only they know the option name (and whether the value is secret).
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace locustpp::cli {

// Without leading and trailing blanks (space, tab, CR, LF).
std::string_view trim(std::string_view text);

std::string to_upper(std::string_view text);
std::string to_lower(std::string_view text);

// true/false, yes/no, on/off, 1/0 — case-insensitive, blanks ignored.
std::optional<bool> parse_bool_text(std::string_view text);

// A whole decimal number (optional leading '-'), blanks ignored.
std::optional<long long> parse_integer_text(std::string_view text);

// A finite decimal or scientific number, blanks ignored; no inf/nan.
std::optional<double> parse_number_text(std::string_view text);

// Splits a list value: an optional surrounding "[...]" is removed, items are
// separated by commas (and blanks too when `blanks_separate`), trimmed and
// unquoted ("'a'" and "\"a\"" become a); empty items are dropped.
std::vector<std::string> split_list_text(std::string_view text, bool blanks_separate);

// Removes one pair of matching surrounding quotes, if present.
std::string_view unquote(std::string_view text);

}  // namespace locustpp::cli
