// Minimal JSON writer/reader used by /echo, /login and /__counters.
#include "json.hpp"

#include <cstdint>

namespace demo_target {
namespace {

constexpr char kHex[] = "0123456789abcdef";

void append_unicode_escape(std::string& out, unsigned code) {
  out += "\\u";
  out.push_back(kHex[(code >> 12) & 0xf]);
  out.push_back(kHex[(code >> 8) & 0xf]);
  out.push_back(kHex[(code >> 4) & 0xf]);
  out.push_back(kHex[code & 0xf]);
}

int hex_digit(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// Length of the valid UTF-8 sequence starting at text[i], or 0 if invalid.
std::size_t utf8_sequence_length(std::string_view text, std::size_t i) {
  const auto byte = [&](std::size_t k) { return static_cast<unsigned char>(text[k]); };
  const unsigned lead = byte(i);
  std::size_t length = 0;
  std::uint32_t code = 0;
  if (lead >= 0xc2 && lead <= 0xdf) {
    length = 2;
    code = lead & 0x1f;
  } else if (lead >= 0xe0 && lead <= 0xef) {
    length = 3;
    code = lead & 0x0f;
  } else if (lead >= 0xf0 && lead <= 0xf4) {
    length = 4;
    code = lead & 0x07;
  } else {
    return 0;
  }
  if (i + length > text.size()) return 0;
  for (std::size_t k = 1; k < length; ++k) {
    if ((byte(i + k) & 0xc0) != 0x80) return 0;
    code = (code << 6) | (byte(i + k) & 0x3f);
  }
  // Reject overlong forms, UTF-16 surrogates and values past U+10FFFF.
  if ((length == 3 && code < 0x800) || (length == 4 && code < 0x10000)) return 0;
  if ((code >= 0xd800 && code <= 0xdfff) || code > 0x10ffff) return 0;
  return length;
}

void append_utf8(std::string& out, std::uint32_t code) {
  if (code < 0x80) {
    out.push_back(static_cast<char>(code));
  } else if (code < 0x800) {
    out.push_back(static_cast<char>(0xc0 | (code >> 6)));
    out.push_back(static_cast<char>(0x80 | (code & 0x3f)));
  } else if (code < 0x10000) {
    out.push_back(static_cast<char>(0xe0 | (code >> 12)));
    out.push_back(static_cast<char>(0x80 | ((code >> 6) & 0x3f)));
    out.push_back(static_cast<char>(0x80 | (code & 0x3f)));
  } else {
    out.push_back(static_cast<char>(0xf0 | (code >> 18)));
    out.push_back(static_cast<char>(0x80 | ((code >> 12) & 0x3f)));
    out.push_back(static_cast<char>(0x80 | ((code >> 6) & 0x3f)));
    out.push_back(static_cast<char>(0x80 | (code & 0x3f)));
  }
}

// Recursive-descent reader over one text; every method returns false on
// malformed input. Depth is bounded so hostile bodies cannot blow the stack.
class Reader {
 public:
  explicit Reader(std::string_view text) : text_(text) {}

  bool object_members(std::map<std::string, std::string>& members) {
    skip_space();
    if (!consume('{')) return false;
    skip_space();
    if (consume('}')) return at_end();
    for (;;) {
      std::string key;
      skip_space();
      if (!string(key)) return false;
      skip_space();
      if (!consume(':')) return false;
      skip_space();
      if (peek() == '"') {
        std::string value;
        if (!string(value)) return false;
        members.insert_or_assign(std::move(key), std::move(value));
      } else if (!skip_value(1)) {
        return false;
      }
      skip_space();
      if (consume('}')) return at_end();
      if (!consume(',')) return false;
    }
  }

 private:
  static constexpr int kMaxDepth = 64;

  char peek() const { return pos_ < text_.size() ? text_[pos_] : '\0'; }
  bool consume(char c) {
    if (peek() != c || pos_ >= text_.size()) return false;
    ++pos_;
    return true;
  }
  bool consume_word(std::string_view word) {
    if (text_.substr(pos_, word.size()) != word) return false;
    pos_ += word.size();
    return true;
  }
  void skip_space() {
    while (pos_ < text_.size() &&
           (text_[pos_] == ' ' || text_[pos_] == '\t' || text_[pos_] == '\n' || text_[pos_] == '\r')) {
      ++pos_;
    }
  }
  bool at_end() {
    skip_space();
    return pos_ == text_.size();
  }

  bool hex4(std::uint32_t& code) {
    if (pos_ + 4 > text_.size()) return false;
    code = 0;
    for (int k = 0; k < 4; ++k) {
      const int digit = hex_digit(text_[pos_++]);
      if (digit < 0) return false;
      code = code * 16 + static_cast<std::uint32_t>(digit);
    }
    return true;
  }

  bool string(std::string& out) {
    if (!consume('"')) return false;
    while (pos_ < text_.size()) {
      const char c = text_[pos_++];
      if (c == '"') return true;
      if (static_cast<unsigned char>(c) < 0x20) return false;
      if (c != '\\') {
        out.push_back(c);
        continue;
      }
      if (pos_ >= text_.size()) return false;
      const char escape = text_[pos_++];
      if (escape != 'u') {
        // Same position in both strings: "\n" in the input means '\n'.
        const std::size_t simple = std::string_view("\"\\/bfnrt").find(escape);
        if (simple == std::string_view::npos) return false;
        out.push_back("\"\\/\b\f\n\r\t"[simple]);
        continue;
      }
      std::uint32_t code = 0;
      if (!hex4(code)) return false;
      if (code >= 0xd800 && code <= 0xdbff) {  // a surrogate pair encodes one code point
        std::uint32_t low = 0;
        if (!consume('\\') || !consume('u') || !hex4(low) || low < 0xdc00 || low > 0xdfff) return false;
        code = 0x10000 + ((code - 0xd800) << 10) + (low - 0xdc00);
      } else if (code >= 0xdc00 && code <= 0xdfff) {
        return false;
      }
      append_utf8(out, code);
    }
    return false;
  }

  bool number() {
    const std::size_t start = pos_;
    consume('-');
    if (!consume('0')) {
      if (peek() < '1' || peek() > '9') return false;
      while (peek() >= '0' && peek() <= '9') ++pos_;
    }
    if (consume('.')) {
      if (peek() < '0' || peek() > '9') return false;
      while (peek() >= '0' && peek() <= '9') ++pos_;
    }
    if (peek() == 'e' || peek() == 'E') {
      ++pos_;
      if (peek() == '+' || peek() == '-') ++pos_;
      if (peek() < '0' || peek() > '9') return false;
      while (peek() >= '0' && peek() <= '9') ++pos_;
    }
    return pos_ > start;
  }

  bool skip_value(int depth) {
    if (depth > kMaxDepth) return false;
    skip_space();
    std::string ignored;
    switch (peek()) {
      case '"':
        return string(ignored);
      case 't':
        return consume_word("true");
      case 'f':
        return consume_word("false");
      case 'n':
        return consume_word("null");
      case '[':
        return skip_container(']', depth, false);
      case '{':
        return skip_container('}', depth, true);
      default:
        return number();
    }
  }

  bool skip_container(char close, int depth, bool keyed) {
    ++pos_;  // the opening bracket
    skip_space();
    if (consume(close)) return true;
    for (;;) {
      skip_space();
      if (keyed) {
        std::string key;
        if (!string(key)) return false;
        skip_space();
        if (!consume(':')) return false;
      }
      if (!skip_value(depth + 1)) return false;
      skip_space();
      if (consume(close)) return true;
      if (!consume(',')) return false;
    }
  }

  std::string_view text_;
  std::size_t pos_ = 0;
};

}  // namespace

void append_json_string(std::string& out, std::string_view text) {
  out.push_back('"');
  for (std::size_t i = 0; i < text.size();) {
    const auto c = static_cast<unsigned char>(text[i]);
    if (c == '"' || c == '\\') {
      out.push_back('\\');
      out.push_back(static_cast<char>(c));
    } else if (c == '\n') {
      out += "\\n";
    } else if (c == '\r') {
      out += "\\r";
    } else if (c == '\t') {
      out += "\\t";
    } else if (c < 0x20 || c == 0x7f) {
      append_unicode_escape(out, c);
    } else if (c >= 0x80) {
      const std::size_t length = utf8_sequence_length(text, i);
      if (length == 0) {
        append_unicode_escape(out, c);  // not UTF-8: keep the byte as Latin-1
      } else {
        out.append(text.substr(i, length));
        i += length;
        continue;
      }
    } else {
      out.push_back(static_cast<char>(c));
    }
    ++i;
  }
  out.push_back('"');
}

std::optional<std::map<std::string, std::string>> parse_json_string_members(std::string_view text) {
  std::map<std::string, std::string> members;
  Reader reader(text);
  if (!reader.object_members(members)) return std::nullopt;
  return members;
}

}  // namespace demo_target
