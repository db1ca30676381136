// Requests from another web page (see cross_origin.hpp).
#include "web/cross_origin.hpp"

#include "http/ascii.hpp"

namespace locustpp::web {
namespace {

std::string_view trimmed(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
  return text;
}

// The first value of a proxy header that may list several ("https, http").
std::string_view first_value(std::string_view header) {
  return trimmed(header.substr(0, header.find(',')));
}

}  // namespace

bool changes_state(const web_request& request) {
  const std::string& method = request.method;
  if (method != "GET" && method != "HEAD" && method != "OPTIONS") return true;
  if (method == "OPTIONS") return false;
  return request.path == "/stop" || request.path == "/stats/reset" || request.path == "/logout";
}

std::string own_origin(const web_request& request, std::string_view scheme) {
  std::string_view proto = first_value(request.header("X-Forwarded-Proto"));
  std::string_view host = first_value(request.header("X-Forwarded-Host"));
  if (host.empty()) host = trimmed(request.header("Host"));
  return std::string(proto.empty() ? scheme : proto) + "://" + std::string(host);
}

std::string foreign_origin_problem(const web_request& request, std::string_view scheme) {
  const std::string_view site = trimmed(request.header("Sec-Fetch-Site"));
  if (!site.empty() && site != "same-origin" && site != "none") {
    return "the browser says it comes from another origin (Sec-Fetch-Site: " + std::string(site) + ")";
  }
  const std::string_view origin = trimmed(request.header("Origin"));
  if (!origin.empty()) {
    const std::string own = own_origin(request, scheme);
    if (!http::equal_ignoring_case(origin, own)) {
      return "Origin " + std::string(origin) + " is not this UI's origin " + own;
    }
  }
  return "";
}

bool sent_from_elsewhere(const web_request& request) {
  const std::string_view site = trimmed(request.header("Sec-Fetch-Site"));
  return site == "cross-site" || site == "same-site";
}

bool is_plain_text_body(const web_request& request) {
  std::string_view type = request.header("Content-Type");
  return http::equal_ignoring_case(trimmed(type.substr(0, type.find(';'))), "text/plain");
}

}  // namespace locustpp::web
