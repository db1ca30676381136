// Text from the target or from plugins (request names, failure texts,
// exception messages, log messages), made safe for where it is written:
// CSV files Python's csv module reads, a terminal, JSON. The statistics keep
// such text as it came (recording stays free of this work); the outputs pass
// it through here when they write it.
#pragma once

#include <string>
#include <string_view>

namespace locustpp::report {

// The UTF-8 replacement character U+FFFD, as its three bytes.
inline constexpr std::string_view replacement_character = "\xEF\xBF\xBD";

// `text` with every ill-formed UTF-8 sequence replaced by U+FFFD, one per
// maximal subpart (Unicode 15, §3.9 "U+FFFD Substitution of Maximal
// Subparts"), as Python's bytes.decode("utf-8", "replace") does: a stray
// 0xFF or continuation byte gives one U+FFFD each, a truncated multibyte
// sequence one for the whole prefix. Returns `text` itself when it is valid
// (nothing is copied); otherwise a view of `scratch`, which is overwritten.
std::string_view valid_utf8(std::string_view text, std::string& scratch);

// Appends `text` as a CSV field value holds it: valid UTF-8 (see valid_utf8),
// NUL bytes dropped. Quoting is csv_text's.
void append_csv_safe(std::string& out, std::string_view text);

// Appends `text` for a terminal or a log line: valid UTF-8, with every
// control character (C0 including tab and newline, DEL, and C1 U+0080-U+009F)
// escaped as Python's repr() writes it ("\t", "\n", "\r", else "\x1b"), so no
// text can move the cursor, recolour or retitle the terminal, or forge a line.
void append_terminal_safe(std::string& out, std::string_view text);
std::string terminal_safe(std::string_view text);

}  // namespace locustpp::report
