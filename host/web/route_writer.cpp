// locustpp_web_response over a route_writer (see route_writer.hpp).
#include "web/route_writer.hpp"

#include <fmt/format.h>

#include <cstdint>
#include <string>
#include <string_view>

#include "abi/abi_text.hpp"
#include "http/ascii.hpp"

namespace locustpp::web {
namespace {

void set_status(void* self, std::int32_t status) {
  static_cast<route_writer*>(self)->response.status = status;
}

void add_header(void* self, locustpp_string name, locustpp_string value) {
  web_response& response = static_cast<route_writer*>(self)->response;
  if (http::equal_ignoring_case(view_of(name), "Content-Type")) {
    response.content_type = std::string(view_of(value));
  } else {
    response.headers.emplace_back(std::string(view_of(name)), std::string(view_of(value)));
  }
}

void append_body(void* self, locustpp_string bytes) {
  static_cast<route_writer*>(self)->response.body.append(view_of(bytes));
}

// RFC 9110's token characters, which a header name is made of.
bool is_token(std::string_view name) {
  if (name.empty()) return false;
  for (char c : name) {
    const bool alphanumeric = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    if (!alphanumeric && std::string_view("!#$%&'*+-.^_`|~").find(c) == std::string_view::npos) return false;
  }
  return true;
}

// A header value with CR or LF would add lines of its own to the answer.
bool is_header_value(std::string_view value) {
  return value.find_first_of(std::string_view("\r\n\0", 3)) == std::string_view::npos;
}

}  // namespace

std::string route_writer::problem() const {
  if (response.status < lowest_status || response.status > highest_status) {
    return fmt::format("status {} (HTTP carries {} to {})", response.status, lowest_status, highest_status);
  }
  const auto check = [](std::string_view name, std::string_view value) -> std::string {
    if (!is_token(name)) return fmt::format("a header named '{}' (not a header name)", name.substr(0, 64));
    if (name.size() > max_header_bytes || value.size() > max_header_bytes) {
      return fmt::format("header {}: {} bytes (at most {})", name.substr(0, 64), name.size() + value.size(),
                         max_header_bytes);
    }
    if (!is_header_value(value)) return fmt::format("header {}: a value with CR, LF or NUL", name.substr(0, 64));
    return "";
  };
  if (std::string found = check("Content-Type", response.content_type); !found.empty()) return found;
  for (const auto& [name, value] : response.headers) {
    if (std::string found = check(name, value); !found.empty()) return found;
  }
  return "";
}

locustpp_web_response route_writer::abi() {
  return locustpp_web_response{sizeof(locustpp_web_response), this, &set_status, &add_header, &append_body};
}

}  // namespace locustpp::web
