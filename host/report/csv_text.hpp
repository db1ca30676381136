// CSV field quoting and row assembly (RFC 4180, as Python's csv module writes it).
#pragma once

#include <initializer_list>
#include <string>
#include <string_view>
#include <vector>

namespace locustpp::report {

// Rows end with "\r\n": Python's csv.writer default, so files match Locust's byte for byte.
inline constexpr std::string_view csv_line_end = "\r\n";

// Appends `field`, quoted when it holds a comma, quote, CR or LF (quotes doubled inside, CR and
// LF kept), made valid UTF-8 without NUL bytes (append_csv_safe), so Python's csv module reads it
// back from a file opened with encoding="utf-8" and newline="".
void append_csv_field(std::string& out, std::string_view field);

// Appends the fields comma-separated, then csv_line_end.
void append_csv_row(std::string& out, const std::vector<std::string>& fields);
void append_csv_row(std::string& out, std::initializer_list<std::string_view> fields);

}  // namespace locustpp::report
