// Owned copy of a plugin's request (see outgoing_request.hpp).
#include "http/outgoing_request.hpp"


#include "abi/abi_text.hpp"
#include "http/ascii.hpp"
#include "http/url.hpp"

namespace locustpp::http {
namespace {
}  // namespace

void outgoing_request::assign(const locustpp_http_request& request) {
  method.assign(view_of(request.method));
  header_count = 0;
  for (std::uint32_t i = 0; i < request.header_count; ++i) {
    if (header_count == headers.size()) headers.emplace_back();
    headers[header_count].first.assign(view_of(request.headers[i].key));
    headers[header_count].second.assign(view_of(request.headers[i].value));
    ++header_count;
  }
  body.clear();
  if (request.form_count > 0) {
    for (std::uint32_t i = 0; i < request.form_count; ++i) {
      if (i > 0) body += '&';
      append_form_encoded(body, view_of(request.form[i].key));
      body += '=';
      append_form_encoded(body, view_of(request.form[i].value));
    }
    content_type = "application/x-www-form-urlencoded";
  } else {
    body.assign(view_of(request.body));
    content_type.assign(view_of(request.content_type));
  }
  has_body = true;
}

bool outgoing_request::sets_header(std::string_view name) const {
  for (std::size_t i = 0; i < header_count; ++i) {
    if (equal_ignoring_case(headers[i].first, name)) return true;
  }
  return false;
}

}  // namespace locustpp::http
