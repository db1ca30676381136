// A request as the session keeps it while redirects may still need it: an
// owned copy of what the plugin passed (whose strings are only borrowed),
// reusing its buffers from one request to the next.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "locustpp/abi/http.h"

namespace locustpp::http {

struct outgoing_request {
  std::string method;
  std::vector<std::pair<std::string, std::string>> headers;  // first header_count used
  std::size_t header_count = 0;
  std::string body;          // form fields already encoded here
  std::string content_type;  // empty = none
  bool has_body = false;     // false once a redirect turned it into a GET

  // Copies `request`, encoding its form fields into the body.
  void assign(const locustpp_http_request& request);
  // Whether the caller set this header (case-insensitive).
  bool sets_header(std::string_view name) const;
  // Removes every header of this name (case-insensitive), keeping the others'
  // order; their buffers stay for reuse.
  void remove_header(std::string_view name);
  // The name of the first header that must not be written as given (a name
  // that is not an HTTP token; a value with CR, LF or NUL, or leading
  // whitespace: header injection); null when all are fine.
  const std::string* invalid_header() const;
  // Whether the method is an HTTP token (no spaces, no control characters).
  bool valid_method() const;
};

}  // namespace locustpp::http
