// locustpp_web_response over a route_writer (see route_writer.hpp).
#include "web/route_writer.hpp"

#include <cstdint>
#include <string>

#include "http/ascii.hpp"

namespace locustpp::web {
namespace {

std::string_view text_of(locustpp_string text) {
  return text.data == nullptr ? std::string_view{} : std::string_view{text.data, text.size};
}

void set_status(void* self, std::int32_t status) {
  static_cast<route_writer*>(self)->response.status = status;
}

void add_header(void* self, locustpp_string name, locustpp_string value) {
  web_response& response = static_cast<route_writer*>(self)->response;
  if (http::equal_ignoring_case(text_of(name), "Content-Type")) {
    response.content_type = std::string(text_of(value));
  } else {
    response.headers.emplace_back(std::string(text_of(name)), std::string(text_of(value)));
  }
}

void append_body(void* self, locustpp_string bytes) {
  static_cast<route_writer*>(self)->response.body.append(text_of(bytes));
}

}  // namespace

locustpp_web_response route_writer::abi() {
  return locustpp_web_response{sizeof(locustpp_web_response), this, &set_status, &add_header, &append_body};
}

}  // namespace locustpp::web
