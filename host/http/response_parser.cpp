// response_parser: a state machine over status line, header block and body.
#include "http/response_parser.hpp"

#include <algorithm>
#include <cstring>

#include "http/ascii.hpp"
#include "http/header_text.hpp"

namespace locustpp::http {
namespace {

// The first whitespace-separated word of `text`, removed from it (Python's str.split(None, n)).
std::string_view take_word(std::string_view& text) noexcept {
  while (!text.empty() && is_space_or_tab(text.front())) text.remove_prefix(1);
  std::size_t end = 0;
  while (end < text.size() && !is_space_or_tab(text[end])) ++end;
  std::string_view word = text.substr(0, end);
  text.remove_prefix(end);
  return word;
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

// The line at `data` (up to `size` bytes) without its "\n" or "\r\n", and the
// bytes it takes with its ending; nullopt while its end has not arrived.
struct line_span {
  std::string_view text;
  std::size_t bytes;
};
std::optional<line_span> next_line(const char* data, std::size_t size) noexcept {
  const auto* newline = static_cast<const char*>(std::memchr(data, '\n', size));
  if (newline == nullptr) return std::nullopt;
  std::string_view text(data, static_cast<std::size_t>(newline - data));
  const std::size_t bytes = text.size() + 1;
  if (!text.empty() && text.back() == '\r') text.remove_suffix(1);
  return line_span{text, bytes};
}

}  // namespace

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
      case state::header_lines: {
        const std::size_t block = find_header_block(at, left, failure);
        if (failure) return 0;
        if (block == 0) return used;  // the rest of the block is still on its way
        on_header_block(std::string_view(at, block));
        used += block;
        break;
      }
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
        const std::optional<line_span> line = next_line(at, left);
        if ((line && line->bytes > max_line_bytes) || (!line && left >= max_line_bytes)) {
          failure.what = parse_failure::kind::line_too_long;
          failure.line = line_kind();
          return 0;
        }
        if (!line) return used;  // the rest of the line is still on its way
        used += line->bytes;
        if (!on_line(line->text, failure)) return 0;
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
    out_->status = *common;
  } else if (!parse_status_line(line, failure)) {
    return false;
  }
  // Python reads past "100 Continue" (its headers included) to the real answer.
  interim_ = out_->status == 100;
  chunked_ = has_transfer_encoding_ = seen_connection_ = connection_close_ = connection_keep_alive_ = false;
  has_content_length_ = false;
  content_length_.reset();
  block_checked_ = 0;
  line_ends_.clear();
  state_ = state::header_lines;
  return true;
}

bool response_parser::parse_status_line(std::string_view line, parse_failure& failure) {
  std::string_view rest = line;
  const std::string_view version = take_word(rest);
  const std::string_view status_text = take_word(rest);
  const std::optional<std::uint64_t> status = parse_unsigned(status_text, 10);
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

std::size_t response_parser::find_header_block(const char* data, std::size_t size, parse_failure& failure) {
  // Resumes where the last call stopped: the caller feeds the block from its
  // start again, with more bytes after it.
  while (block_checked_ < size) {
    const std::size_t left = size - block_checked_;
    const std::optional<line_span> line = next_line(data + block_checked_, left);
    if ((line && line->bytes > max_line_bytes) || (!line && left >= max_line_bytes)) {
      failure.what = parse_failure::kind::line_too_long;
      failure.line = "header line";
      return 0;
    }
    if (!line) return 0;
    block_checked_ += line->bytes;
    if (line->text.empty()) return block_checked_;
    if (line_ends_.size() == max_headers) {
      failure.what = parse_failure::kind::bad_header;
      failure.line = "got more than 100 headers";
      return 0;
    }
    line_ends_.push_back(static_cast<std::uint32_t>(block_checked_));
  }
  return 0;
}

void response_parser::on_header_block(std::string_view block) {
  if (interim_) {
    state_ = state::status_line;  // a "100 Continue": its fields are skipped
    return;
  }
  out_->set_header_block(block);
  std::size_t line_at = 0;
  for (const std::uint32_t line_end : line_ends_) {
    // Fetched for every line: joining a folded line may move the copy.
    const std::string_view copy = out_->header_block();
    std::string_view line = copy.substr(line_at, line_end - 1 - line_at);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    const std::size_t this_line_at = line_at;
    line_at = line_end;
    if (line.empty()) continue;  // a lone "\r\r\n"
    if (is_space_or_tab(line.front())) {
      out_->extend_last_value(trimmed(line));  // a folded line continues the previous value
      continue;
    }
    const std::size_t colon = name_length(line);
    if (colon == 0 || colon == line.size() || line[colon] != ':') continue;  // not a field: ignored
    const std::string_view value = trimmed(line.substr(colon + 1));
    out_->add_field(this_line_at, colon, static_cast<std::size_t>(value.data() - copy.data()), value.size());
    on_framing_field(line.substr(0, colon), value);
  }
  on_headers_end();
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
        content_length_ = parse_unsigned(value, 10);
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
  const std::optional<std::uint64_t> size = parse_unsigned(trimmed(size_text), 16);
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
