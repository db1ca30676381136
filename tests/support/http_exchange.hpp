// Test support: one blocking HTTP/1.1 exchange with a loopback server
// (Connection: close), for tests that check status codes, headers and
// bodies of the web UI's routes. A server silent for 20 s gives status 0.
#pragma once

#include <string>
#include <utility>
#include <vector>

namespace locustpp::testing {

struct http_reply {
  int status = 0;    // 0: no answer (connection refused or closed)
  std::string head;  // status line and header lines, as received
  std::string body;
  // The value of header `name` (case-insensitive), or "".
  std::string header(const std::string& name) const;
};

// Sends "Host: 127.0.0.1" unless `headers` has a Host of its own.
http_reply http_exchange(int port, const std::string& method, const std::string& path, const std::string& body = "",
                         const std::vector<std::pair<std::string, std::string>>& headers = {});

// POST path with a form-encoded body.
http_reply http_post_form(int port, const std::string& path, const std::string& form);

}  // namespace locustpp::testing
