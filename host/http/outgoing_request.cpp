// Owned copy of a plugin's request (see outgoing_request.hpp).
#include "http/outgoing_request.hpp"

#include <cctype>

#include "http/url.hpp"

namespace locustpp::http {
namespace {
std::string_view view(locustpp_string text) { return text.size == 0 ? std::string_view{} : std::string_view{text.data, text.size}; }
}  // namespace

void outgoing_request::assign(const locustpp_http_request& request) {
  method.assign(view(request.method));
  header_count = 0;
  for (std::uint32_t i = 0; i < request.header_count; ++i) {
    if (header_count == headers.size()) headers.emplace_back();
    headers[header_count].first.assign(view(request.headers[i].key));
    headers[header_count].second.assign(view(request.headers[i].value));
    ++header_count;
  }
  body.clear();
  if (request.form_count > 0) {
    for (std::uint32_t i = 0; i < request.form_count; ++i) {
      if (i > 0) body += '&';
      append_form_encoded(body, view(request.form[i].key));
      body += '=';
      append_form_encoded(body, view(request.form[i].value));
    }
    content_type = "application/x-www-form-urlencoded";
  } else {
    body.assign(view(request.body));
    content_type.assign(view(request.content_type));
  }
  has_body = true;
}

bool outgoing_request::sets_header(std::string_view name) const {
  for (std::size_t i = 0; i < header_count; ++i) {
    const std::string& key = headers[i].first;
    if (key.size() != name.size()) continue;
    bool same = true;
    for (std::size_t c = 0; c < key.size() && same; ++c) {
      same = std::tolower(static_cast<unsigned char>(key[c])) == std::tolower(static_cast<unsigned char>(name[c]));
    }
    if (same) return true;
  }
  return false;
}

}  // namespace locustpp::http
