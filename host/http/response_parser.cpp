// response_parser: a line-at-a-time state machine over status line, headers and body.
#include "http/response_parser.hpp"

#include <algorithm>
#include <bit>
#include <cstring>
#include <limits>

#include "http/ascii.hpp"

namespace locustpp::http {
namespace {

bool is_space(char c) noexcept { return c == ' ' || c == '\t'; }

std::string_view trimmed(std::string_view text) noexcept {
  while (!text.empty() && is_space(text.front())) text.remove_prefix(1);
  while (!text.empty() && (is_space(text.back()) || text.back() == '\r')) text.remove_suffix(1);
  return text;
}

// The first whitespace-separated word of `text`, removed from it (Python's str.split(None, n)).
std::string_view take_word(std::string_view& text) noexcept {
  while (!text.empty() && is_space(text.front())) text.remove_prefix(1);
  std::size_t end = 0;
  while (end < text.size() && !is_space(text[end])) ++end;
  std::string_view word = text.substr(0, end);
  text.remove_prefix(end);
  return word;
}

std::optional<std::uint64_t> parse_number(std::string_view digits, unsigned base) noexcept {
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

// Python's `word in text.lower()`, for a lower-case word.
bool contains_ignoring_case(std::string_view text, std::string_view lowercase_word) noexcept {
  const char first = lowercase_word.front();
  for (std::size_t at = 0; at + lowercase_word.size() <= text.size(); ++at) {
    if ((text[at] | 0x20) == first && equal_ignoring_case(text.substr(at, lowercase_word.size()), lowercase_word)) {
      return true;
    }
  }
  return false;
}

// True when a header name (bytes 0x21-0x7E, see name_length) equals `lowercase`
// ignoring case, where every byte of `lowercase` has bit 0x20 set (letters,
// digits, '-'). OR-ing 0x20 into a name byte then folds its case and cannot make
// any other name byte match, so eight bytes are compared at a time.
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

// The length of the header name that starts `line`: the bytes before the
// first one that Python's email parser does not accept in a name (anything
// but printable ASCII, or ':'). Eight bytes at a time: every request reads a
// handful of names.
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

// "HTTP/1.1 ddd" followed by a space or nothing: nearly every status line.
std::optional<int> common_status(std::string_view line) noexcept {
  if (line.size() < 12 || !line.starts_with("HTTP/1.1 ") || (line.size() > 12 && line[12] != ' ')) return std::nullopt;
  int status = 0;
  for (std::size_t at = 9; at < 12; ++at) {
    if (line[at] < '0' || line[at] > '9') return std::nullopt;
    status = status * 10 + (line[at] - '0');
  }
  if (status < 100) return std::nullopt;
  return status;
}

}  // namespace

std::optional<std::string_view> parsed_response::header(std::string_view name) const noexcept {
  for (std::size_t index = 0; index < fields_.size(); ++index) {
    if (equal_ignoring_case(header_name(index), name)) return header_value(index);
  }
  return std::nullopt;
}

void parsed_response::add_header(std::string_view line, std::size_t name_size, std::string_view value) {
  // One copy of the whole line; name and value are spans of it.
  const auto line_at = static_cast<std::uint32_t>(header_bytes_.size());
  header_bytes_ += line;
  const auto value_offset = static_cast<std::uint32_t>(value.data() - line.data());
  fields_.push_back({line_at, static_cast<std::uint32_t>(name_size), line_at + value_offset,
                     static_cast<std::uint32_t>(value.size())});
}

void parsed_response::extend_last_value(std::string_view more) {
  if (fields_.empty()) return;
  // The last value may be followed by the rest of its line (trailing spaces):
  // drop those, so that the value ends the buffer and grows in place.
  field_span& last = fields_.back();
  header_bytes_.resize(last.value_at + last.value_size);
  header_bytes_ += ' ';
  header_bytes_ += more;
  last.value_size += static_cast<std::uint32_t>(1 + more.size());
}

void response_parser::start(parsed_response& into, bool head_request) {
  into.clear();
  out_ = &into;
  state_ = state::status_line;
  head_request_ = head_request;
  interim_ = false;
}

std::size_t response_parser::feed(const char* data, std::size_t size, parse_failure& failure) {
  std::size_t used = 0;
  while (used < size && state_ != state::done) {
    const char* at = data + used;
    const std::size_t left = size - used;
    switch (state_) {
      case state::body_by_length:
      case state::chunk_data: {
        const auto take = static_cast<std::size_t>(std::min<std::uint64_t>(remaining_, left));
        out_->body.append(at, take);
        used += take;
        remaining_ -= take;
        if (remaining_ == 0) state_ = state_ == state::chunk_data ? state::chunk_end : state::done;
        break;
      }
      case state::body_until_close:
        out_->body.append(at, left);
        used = size;
        break;
      default: {
        const auto* newline = static_cast<const char*>(std::memchr(at, '\n', left));
        const std::size_t line_bytes = newline == nullptr ? left : static_cast<std::size_t>(newline - at) + 1;
        if (line_bytes > max_line_bytes || (newline == nullptr && left >= max_line_bytes)) {
          failure.what = parse_failure::kind::line_too_long;
          failure.line = line_kind();
          return 0;
        }
        if (newline == nullptr) return used;  // the rest of the line is still on its way
        std::string_view line(at, line_bytes - 1);
        if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
        used += line_bytes;
        // Header lines are most of the lines: straight to their handler.
        if (!(state_ == state::header_lines ? on_header_line(line, failure) : on_line(line, failure))) return 0;
        break;
      }
    }
  }
  return used;
}

bool response_parser::on_line(std::string_view line, parse_failure& failure) {
  switch (state_) {
    case state::status_line:
      return on_status_line(line, failure);
    case state::header_lines:
      return on_header_line(line, failure);
    case state::chunk_size:
      return on_chunk_size(line, failure);
    case state::chunk_end:
      if (!line.empty()) {
        fail_body(parse_failure::kind::bad_chunk, line, failure);
        return false;
      }
      state_ = state::chunk_size;
      return true;
    case state::trailers:
      if (line.empty()) state_ = state::done;
      return true;
    default:
      return true;
  }
}

bool response_parser::on_status_line(std::string_view line, parse_failure& failure) {
  const std::optional<int> common = common_status(line);
  if (common) {
    http10_ = false;
  } else if (!parse_status_line(line, failure)) {
    return false;
  }
  const int status = common ? *common : out_->status;
  // Python reads past "100 Continue" (its headers included) to the real answer.
  interim_ = status == 100;
  out_->status = status;
  out_->clear_headers();
  chunked_ = has_transfer_encoding_ = seen_connection_ = connection_close_ = connection_keep_alive_ = false;
  has_content_length_ = false;
  content_length_.reset();
  state_ = state::header_lines;
  return true;
}

bool response_parser::parse_status_line(std::string_view line, parse_failure& failure) {
  std::string_view rest = line;
  const std::string_view version = take_word(rest);
  const std::string_view status_text = take_word(rest);
  const std::optional<std::uint64_t> status = parse_number(status_text, 10);
  if (!version.starts_with("HTTP/") || !status || *status < 100 || *status > 999) {
    failure.what = parse_failure::kind::bad_status_line;
    failure.line.assign(line.substr(0, 200));
    return false;
  }
  if (version == "HTTP/1.0" || version == "HTTP/0.9") {
    http10_ = true;
  } else if (version.starts_with("HTTP/1.")) {
    http10_ = false;
  } else {
    failure.what = parse_failure::kind::unknown_protocol;
    failure.line.assign(version.substr(0, 200));
    return false;
  }
  out_->status = static_cast<int>(*status);
  return true;
}

bool response_parser::on_header_line(std::string_view line, parse_failure& failure) {
  if (line.empty()) {
    if (interim_) {
      state_ = state::status_line;
    } else {
      on_headers_end();
    }
    return true;
  }
  if (interim_) return true;
  if (is_space(line.front())) {
    out_->extend_last_value(trimmed(line));  // a folded line continues the previous value
    return true;
  }
  const std::size_t colon = name_length(line);
  if (colon == 0 || colon == line.size() || line[colon] != ':') return true;  // not a field: ignored
  if (out_->header_count() == max_headers) {
    failure.what = parse_failure::kind::bad_header;
    failure.line = "got more than 100 headers";
    return false;
  }
  const std::string_view name = line.substr(0, colon);
  const std::string_view value = trimmed(line.substr(colon + 1));
  out_->add_header(line, colon, value);
  on_framing_field(name, value);
  return true;
}

void response_parser::on_framing_field(std::string_view name, std::string_view value) {
  // Only the fields that frame the message are looked at; like Python's
  // headers.get(), the first occurrence counts.
  switch (name.size()) {
    case 10:
      if (is_field(name, "set-cookie")) {
        out_->has_set_cookie = true;
      } else if (!seen_connection_ && is_field(name, "connection")) {
        // Python: HTTP/1.1 closes on "close" in the value, HTTP/1.0 stays on "keep-alive".
        seen_connection_ = true;
        if (http10_) {
          connection_keep_alive_ = connection_keep_alive_ || contains_ignoring_case(value, "keep-alive");
        } else {
          connection_close_ = contains_ignoring_case(value, "close");
        }
      } else if (!value.empty() && is_field(name, "keep-alive")) {
        connection_keep_alive_ = true;
      }
      break;
    case 14:
      if (!has_content_length_ && is_field(name, "content-length")) {
        has_content_length_ = true;
        content_length_ = parse_number(value, 10);
      }
      break;
    case 16:
      if (http10_ && is_field(name, "proxy-connection") && contains_ignoring_case(value, "keep-alive")) {
        connection_keep_alive_ = true;
      }
      break;
    case 17:
      if (!has_transfer_encoding_ && is_field(name, "transfer-encoding")) {
        has_transfer_encoding_ = true;
        chunked_ = equal_ignoring_case(value, "chunked");
      }
      break;
    default:
      break;
  }
}

void response_parser::on_headers_end() {
  const int status = out_->status;
  const bool bodiless = head_request_ || status / 100 == 1 || status == 204 || status == 304;
  out_->keep_alive = http10_ ? connection_keep_alive_ : !connection_close_;
  if (bodiless) {
    // A 1xx/204/304 that announces a body anyway: the server may send it,
    // and it would be read as the next response.
    if (!head_request_ && (has_transfer_encoding_ || (has_content_length_ && content_length_ != 0))) {
      out_->keep_alive = false;
    }
    state_ = state::done;
  } else if (chunked_) {
    state_ = state::chunk_size;
  } else if (content_length_) {
    if (*content_length_ <= (1u << 20)) out_->body.reserve(static_cast<std::size_t>(*content_length_));
    remaining_ = *content_length_;
    state_ = remaining_ == 0 ? state::done : state::body_by_length;
  } else {
    out_->keep_alive = false;
    state_ = state::body_until_close;
  }
}

bool response_parser::on_chunk_size(std::string_view line, parse_failure& failure) {
  const std::string_view size_text = line.substr(0, line.find(';'));  // chunk extensions are ignored
  const std::optional<std::uint64_t> size = parse_number(trimmed(size_text), 16);
  if (!size) {
    fail_body(parse_failure::kind::bad_chunk, size_text.substr(0, 200), failure);
    return false;
  }
  remaining_ = *size;
  state_ = remaining_ == 0 ? state::trailers : state::chunk_data;
  return true;
}

void response_parser::feed_eof(parse_failure& failure) {
  switch (state_) {
    case state::done:
      return;
    case state::body_until_close:
      out_->keep_alive = false;
      state_ = state::done;
      return;
    case state::status_line:
    case state::header_lines:
      failure.what = parse_failure::kind::nothing_received;
      return;
    default:
      fail_body(parse_failure::kind::cut_short, {}, failure);
      return;
  }
}

void response_parser::fail_body(parse_failure::kind what, std::string_view line, parse_failure& failure) const {
  failure.what = what;
  failure.line.assign(line);
  failure.body_bytes = out_->body.size();
  if (state_ == state::body_by_length) failure.body_remaining = remaining_;
}

const char* response_parser::line_kind() const noexcept {
  switch (state_) {
    case state::status_line:
      return "status line";
    case state::chunk_size:
    case state::chunk_end:
      return "chunk size";
    default:
      return "header line";
  }
}

}  // namespace locustpp::http
