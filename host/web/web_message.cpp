// web_request / web_response helpers (see web_message.hpp).
#include "web/web_message.hpp"

#include "http/ascii.hpp"

namespace locustpp::web {

std::string_view web_request::header(std::string_view name) const {
  for (const auto& [field, value] : headers) {
    if (http::equal_ignoring_case(field, name)) return value;
  }
  return {};
}

web_response web_response::json(std::string body, int status) {
  return web_response{status, "application/json", {}, std::move(body), {}};
}

web_response web_response::text(std::string body, int status, std::string content_type) {
  return web_response{status, std::move(content_type), {}, std::move(body), {}};
}

web_response web_response::attachment(std::string body, std::string content_type, const std::string& filename) {
  web_response response{200, std::move(content_type), {}, std::move(body), {}};
  response.headers.emplace_back("Content-Disposition", "attachment;filename=" + filename);
  return response;
}

}  // namespace locustpp::web
