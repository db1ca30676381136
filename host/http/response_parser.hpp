// Incremental HTTP/1.1 response parser (Beast's basic_parser underneath,
// kept out of this header). It writes status, headers and the de-chunked
// body into storage the session reuses, so steady-state parsing does not
// allocate.
#pragma once

#include <cstddef>
#include <memory>
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

class response_parser {
 public:
  response_parser();
  ~response_parser();
  response_parser(const response_parser&) = delete;
  response_parser& operator=(const response_parser&) = delete;

  // Starts a new message written into `into` (which must outlive parsing).
  // A response to HEAD has no body whatever its headers say.
  void start(parsed_response& into, bool head_request);
  // Consumes a prefix of the bytes; returns how many. On malformed input
  // returns 0 and sets `error`.
  std::size_t feed(const char* data, std::size_t size, std::string& error);
  // The peer closed the connection: completes an EOF-delimited body, or
  // sets `error` when the message was cut short.
  void feed_eof(std::string& error);
  bool done() const noexcept;

 private:
  struct impl;
  std::unique_ptr<impl> impl_;
};

}  // namespace locustpp::http
