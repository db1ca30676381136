// A request to the web UI and its answer, as plain data: the routes never
// see Beast (it stays in http_server.cpp, so they compile fast).
#pragma once

#include <chrono>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace locustpp::web {

struct web_request {
  std::string method;  // "GET", "POST", ...
  std::string path;    // decoded of nothing, without the query; the base path already removed
  std::string query;   // raw, without '?'
  std::vector<std::pair<std::string, std::string>> headers;
  std::string body;
  std::string peer;  // the client's address, for the log

  // The first header named `name` (case-insensitive), or "".
  std::string_view header(std::string_view name) const;
};

struct web_response {
  int status = 200;
  std::string content_type = "application/json";
  std::vector<std::pair<std::string, std::string>> headers;  // besides Content-Type and Content-Length
  std::string body;
  // Held this long before it is sent (a login attempt slowed down), on a
  // timer: the control thread serves others meanwhile.
  std::chrono::milliseconds delay{0};

  static web_response json(std::string body, int status = 200);
  static web_response text(std::string body, int status = 200, std::string content_type = "text/plain; charset=utf-8");
  // A file download named `filename` (Content-Disposition: attachment).
  static web_response attachment(std::string body, std::string content_type, const std::string& filename);
};

}  // namespace locustpp::web
