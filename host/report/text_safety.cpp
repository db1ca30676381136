// Text safety: one UTF-8 decoding step (Unicode Table 3-7, the well-formed
// byte sequences) under three writers; each first scans for the bytes that
// can need work, so the common all-ASCII text is appended in one piece.
#include "report/text_safety.hpp"

#include <cstddef>

namespace locustpp::report {
namespace {

unsigned char byte_at(std::string_view text, std::size_t pos) {
  return static_cast<unsigned char>(text[pos]);
}

// What starts at one position: a well-formed character of `length` bytes,
// or (valid == false) an ill-formed maximal subpart of `length` bytes that
// one U+FFFD replaces.
struct utf8_step {
  std::size_t length;
  bool valid;
};

utf8_step step_at(std::string_view text, std::size_t pos) {
  const unsigned char lead = byte_at(text, pos);
  if (lead < 0x80) return {1, true};
  std::size_t continuations = 0;
  unsigned char low = 0x80;  // the range of the byte after the lead; the others are always 80..BF
  unsigned char high = 0xBF;
  if (lead >= 0xC2 && lead <= 0xDF) {
    continuations = 1;
  } else if (lead == 0xE0) {
    continuations = 2;
    low = 0xA0;  // no overlong forms
  } else if (lead == 0xED) {
    continuations = 2;
    high = 0x9F;  // no surrogates
  } else if (lead >= 0xE1 && lead <= 0xEF) {
    continuations = 2;
  } else if (lead == 0xF0) {
    continuations = 3;
    low = 0x90;  // no overlong forms
  } else if (lead >= 0xF1 && lead <= 0xF3) {
    continuations = 3;
  } else if (lead == 0xF4) {
    continuations = 3;
    high = 0x8F;  // nothing past U+10FFFF
  } else {
    return {1, false};  // 80..C1 and F5..FF never start a character
  }
  for (std::size_t length = 1; length <= continuations; ++length) {
    if (pos + length >= text.size()) return {length, false};  // cut short by the end
    const unsigned char next = byte_at(text, pos + length);
    if (next < low || next > high) return {length, false};  // `next` starts the next step
    low = 0x80;
    high = 0xBF;
  }
  return {continuations + 1, true};
}

bool is_ascii(std::string_view text) {
  for (const char c : text) {
    if (static_cast<unsigned char>(c) >= 0x80) return false;
  }
  return true;
}

void append_escaped_control(std::string& out, unsigned code) {
  static constexpr char hex_digits[] = "0123456789abcdef";
  switch (code) {
    case '\t':
      out += "\\t";
      return;
    case '\n':
      out += "\\n";
      return;
    case '\r':
      out += "\\r";
      return;
    default:
      out += "\\x";
      out += hex_digits[(code >> 4) & 0xF];
      out += hex_digits[code & 0xF];
  }
}

}  // namespace

std::string_view valid_utf8(std::string_view text, std::string& scratch) {
  if (is_ascii(text)) return text;
  std::size_t pos = 0;
  while (pos < text.size()) {
    const utf8_step step = step_at(text, pos);
    if (!step.valid) break;
    pos += step.length;
  }
  if (pos == text.size()) return text;
  scratch.assign(text.substr(0, pos));
  while (pos < text.size()) {
    const utf8_step step = step_at(text, pos);
    if (step.valid) {
      scratch.append(text.substr(pos, step.length));
    } else {
      scratch.append(replacement_character);
    }
    pos += step.length;
  }
  return scratch;
}

void append_csv_safe(std::string& out, std::string_view text) {
  if (is_ascii(text) && text.find('\0') == std::string_view::npos) {
    out.append(text);
    return;
  }
  std::size_t pos = 0;
  while (pos < text.size()) {
    const utf8_step step = step_at(text, pos);
    if (!step.valid) {
      out.append(replacement_character);
    } else if (text[pos] != '\0') {
      out.append(text.substr(pos, step.length));
    }
    pos += step.length;
  }
}

void append_terminal_safe(std::string& out, std::string_view text) {
  const bool plain = [&] {
    for (const char c : text) {
      const auto byte = static_cast<unsigned char>(c);
      if (byte < 0x20 || byte >= 0x7F) return false;
    }
    return true;
  }();
  if (plain) {
    out.append(text);
    return;
  }
  std::size_t pos = 0;
  while (pos < text.size()) {
    const utf8_step step = step_at(text, pos);
    const unsigned char lead = byte_at(text, pos);
    if (!step.valid) {
      out.append(replacement_character);
    } else if (lead < 0x20 || lead == 0x7F) {
      append_escaped_control(out, lead);
    } else if (lead == 0xC2 && byte_at(text, pos + 1) <= 0x9F) {
      append_escaped_control(out, byte_at(text, pos + 1));  // C1: U+0080..U+009F are C2 80..C2 9F
    } else {
      out.append(text.substr(pos, step.length));
    }
    pos += step.length;
  }
}

std::string terminal_safe(std::string_view text) {
  std::string out;
  append_terminal_safe(out, text);
  return out;
}

}  // namespace locustpp::report
