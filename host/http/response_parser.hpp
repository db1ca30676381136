// Incremental HTTP/1.1 response parser (Beast's basic_parser underneath,
// kept out of this header). It writes status, headers and the de-chunked
// body into storage the session reuses, so steady-state parsing does not
// allocate. When a response is malformed or cut short it says how, with
// what the error text needs (the offending line, bytes read and expected).
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace locustpp::http {

struct parsed_response {
  int status = 0;
  std::vector<std::pair<std::string, std::string>> headers;  // first header_count used
  std::size_t header_count = 0;
  std::string body;
  bool keep_alive = false;

  void clear() noexcept {
    status = 0;
    header_count = 0;
    body.clear();
    keep_alive = false;
  }
};

struct parse_failure {
  enum class kind {
    none,
    nothing_received,  // the peer closed before the first byte
    bad_status_line,   // `line` holds it
    header_too_large,  // more than max_header_bytes
    bad_header,        // `line` holds the parser's reason
    bad_chunk,         // `line` holds the chunk-size line
    cut_short,         // the peer closed mid-message
  };
  kind what = kind::none;
  std::string line;
  std::uint64_t body_bytes = 0;                 // body bytes received
  std::optional<std::uint64_t> body_remaining;  // declared bytes still missing
  explicit operator bool() const noexcept { return what != kind::none; }
};

class response_parser {
 public:
  static constexpr std::size_t max_header_bytes = 64 * 1024;  // Python's line limit: 65536

  response_parser();
  ~response_parser();
  response_parser(const response_parser&) = delete;
  response_parser& operator=(const response_parser&) = delete;

  // Starts a new message written into `into` (which must outlive parsing).
  // A response to HEAD has no body whatever its headers say.
  void start(parsed_response& into, bool head_request);
  // Consumes a prefix of the bytes; returns how many. On malformed input
  // returns 0 and fills `failure`.
  std::size_t feed(const char* data, std::size_t size, parse_failure& failure);
  // The peer closed the connection: completes an EOF-delimited body, or
  // fills `failure` when the message was cut short (or never began).
  void feed_eof(parse_failure& failure);
  bool done() const noexcept;

 private:
  struct impl;
  std::unique_ptr<impl> impl_;
};

}  // namespace locustpp::http
