// locustpp_web_response over a route_writer (see route_writer.hpp).
#include "web/route_writer.hpp"

#include <cstdint>
#include <string>

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

}  // namespace

locustpp_web_response route_writer::abi() {
  return locustpp_web_response{sizeof(locustpp_web_response), this, &set_status, &add_header, &append_body};
}

}  // namespace locustpp::web
