// Incremental HTTP/1.x response parser with Python's http.client rules (as
// Locust's requests-based client sees responses). It writes status, headers
// and the de-chunked body into storage the session reuses, so steady-state
// parsing does not allocate, and it looks only at the fields that frame the
// message. When a response is malformed or cut short it says how, with what
// the error text needs (the offending line, bytes read and expected).
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "http/parsed_response.hpp"

namespace locustpp::http {

struct parse_failure {
  enum class kind {
    none,
    nothing_received,  // the peer closed before the headers ended
    bad_status_line,   // `line` holds it
    unknown_protocol,  // `line` holds the version, e.g. "HTTP/2.0"
    line_too_long,     // `line` says which: "status line", "header line" or "chunk size"
    bad_header,        // `line` holds the reason
    bad_chunk,         // `line` holds the chunk-size line
    cut_short,         // the peer closed mid-body
  };
  kind what = kind::none;
  std::string line;
  std::uint64_t body_bytes = 0;                 // body bytes received
  std::optional<std::uint64_t> body_remaining;  // declared bytes still missing
  explicit operator bool() const noexcept { return what != kind::none; }
};

// Python's rules, where they matter to a load test: lines end with "\n" or
// "\r\n" and may be 65,536 bytes long at most; at most 100 header lines;
// "100 Continue" is skipped; 1xx, 204, 304 and answers to HEAD have no body;
// "Transfer-Encoding: chunked" beats Content-Length; an unreadable
// Content-Length means "until the connection closes"; HTTP/1.1 keeps the
// connection unless "Connection: close", HTTP/1.0 only with keep-alive.
// Header lines without a colon are ignored, folded lines are joined. The
// header block is parsed once it is complete (its lines are checked against
// the limits as they arrive).
// Thread rules: one owner (the session's strand).
class response_parser {
 public:
  static constexpr std::size_t max_line_bytes = 65536;  // Python's _MAXLINE, the line ending included
  static constexpr std::size_t max_headers = 100;       // Python's _MAXHEADERS

  // Starts a new message written into `into` (which must outlive parsing).
  // A response to HEAD has no body whatever its headers say.
  void start(parsed_response& into, bool head_request);
  // Consumes a prefix of the bytes, stopping when the message is complete or
  // before an incomplete line or header block; returns how many. On malformed
  // input returns 0 and fills `failure`.
  std::size_t feed(const char* data, std::size_t size, parse_failure& failure);
  // The peer closed the connection: completes an EOF-delimited body, or
  // fills `failure` when the message was cut short (or never began).
  void feed_eof(parse_failure& failure);
  bool done() const noexcept { return state_ == state::done; }

 private:
  enum class state {
    status_line,
    header_lines,
    body_by_length,
    body_until_close,
    chunk_size,
    chunk_data,
    chunk_end,  // the line ending after a chunk's data
    trailers,
    done,
  };

  bool on_line(std::string_view line, parse_failure& failure);  // status, chunk-size and trailer lines
  bool on_status_line(std::string_view line, parse_failure& failure);
  bool parse_status_line(std::string_view line, parse_failure& failure);  // any form Python accepts
  // The length of the header block at `data` through its blank line, once all
  // of it is there; 0 while more is needed, or on failure.
  std::size_t find_header_block(const char* data, std::size_t size, parse_failure& failure);
  void on_header_block(std::string_view block);
  void on_framing_field(std::string_view name, std::string_view value);  // notes what frames the body
  void on_headers_end();
  bool on_chunk_size(std::string_view line, parse_failure& failure);
  void fail_body(parse_failure::kind what, std::string_view line, parse_failure& failure) const;
  const char* line_kind() const noexcept;

  parsed_response* out_ = nullptr;
  state state_ = state::done;
  bool head_request_ = false;
  bool interim_ = false;  // skipping the headers of a "100 Continue"
  bool http10_ = false;
  // What the framing fields said, recorded while the headers go by.
  bool chunked_ = false;
  bool has_transfer_encoding_ = false;
  bool seen_connection_ = false;
  bool connection_close_ = false;
  bool connection_keep_alive_ = false;  // Connection or Proxy-Connection: keep-alive, or a Keep-Alive header
  bool has_content_length_ = false;
  std::optional<std::uint64_t> content_length_;  // absent when missing or unreadable
  std::uint64_t remaining_ = 0;                  // body or chunk bytes still to come
  // The header block seen so far: bytes checked, and where each field line ends.
  std::size_t block_checked_ = 0;
  std::vector<std::uint32_t> line_ends_;
};

}  // namespace locustpp::http
