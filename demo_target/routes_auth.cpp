// Routes about client state: cookies, the /login form/JSON endpoint and
// HTTP Basic authentication.
#include <map>
#include <optional>
#include <string>
#include <utility>

#include "json.hpp"
#include "routes_internal.hpp"
#include "text_codec.hpp"

namespace demo_target::detail {
namespace {

// RFC 7230 "token" characters: what a cookie name may contain.
bool is_token(std::string_view text) {
  if (text.empty()) return false;
  for (const char c : text) {
    const bool alnum = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    if (!alnum && std::string_view("!#$%&'*+-.^_`|~").find(c) == std::string_view::npos) return false;
  }
  return true;
}

// RFC 6265 cookie-octets: printable ASCII minus space, '"', ',', ';', '\'.
bool is_cookie_value(std::string_view text) {
  for (const char c : text) {
    const auto byte = static_cast<unsigned char>(c);
    if (byte <= 0x20 || byte >= 0x7f || c == '"' || c == ',' || c == ';' || c == '\\') return false;
  }
  return true;
}

// The value of cookie `name` across all Cookie headers, if sent.
std::optional<std::string_view> request_cookie(const Request& request, std::string_view name) {
  for (const HeaderView& field : request.headers) {
    if (!iequals(field.name, "Cookie")) continue;
    std::string_view rest = field.value;
    while (!rest.empty()) {
      const std::size_t semicolon = rest.find(';');
      const std::string_view pair = trim(rest.substr(0, semicolon));
      rest = semicolon == std::string_view::npos ? std::string_view{} : rest.substr(semicolon + 1);
      const std::size_t eq = pair.find('=');
      if (eq != std::string_view::npos && trim(pair.substr(0, eq)) == name) return trim(pair.substr(eq + 1));
    }
  }
  return std::nullopt;
}

std::string set_cookie_value(std::string_view name, std::string_view value) {
  std::string cookie(name);
  cookie.append("=").append(value).append("; Path=/");
  return cookie;
}

// username/password from a JSON object or an application/x-www-form-urlencoded
// body; std::nullopt if a JSON body does not parse.
std::optional<std::map<std::string, std::string>> login_fields(const Request& request) {
  const std::string_view content_type = request.header("Content-Type");
  const bool json = content_type.find("json") != std::string_view::npos || trim(request.body).starts_with('{');
  if (json) return parse_json_string_members(request.body);
  std::map<std::string, std::string> fields;
  for (QueryParam& param : parse_query(request.body)) {
    fields.insert_or_assign(std::move(param.name), std::move(param.value));
  }
  return fields;
}

}  // namespace

Response cookies_set(const Request& request) {
  Response response = text_response(200, "ok\n");
  for (const QueryParam& param : parse_query(request.query())) {
    if (!is_token(param.name) || !is_cookie_value(param.value)) {
      return text_response(400, "invalid cookie name or value\n");
    }
    response.extra_headers.emplace_back("Set-Cookie", set_cookie_value(param.name, param.value));
  }
  return response;
}

Response cookies_check(const Request& request) {
  for (const QueryParam& param : parse_query(request.query())) {
    const auto sent = request_cookie(request, param.name);
    if (!sent || *sent != param.value) return text_response(401, "missing cookie " + param.name + "\n");
  }
  return text_response(200, "ok\n");
}

Response login(const Request& request, ServerState& state) {
  if (request.method != "POST") {
    Response response = json_response(405, "{\"error\": \"use POST\"}\n");
    response.extra_headers.emplace_back("Allow", "POST");
    return response;
  }
  const auto fields = login_fields(request);
  if (!fields) return json_response(400, "{\"error\": \"malformed body\"}\n");
  const auto password = fields->find("password");
  if (password == fields->end() || password->second.empty()) {
    return json_response(401, "{\"error\": \"bad credentials\"}\n");
  }
  const auto user = fields->find("username");
  const std::uint64_t id = state.next_login_id.fetch_add(1);
  std::string json = "{\"id\": " + std::to_string(id) + ", \"user\": ";
  append_json_string(json, user == fields->end() ? std::string_view{} : std::string_view(user->second));
  json += "}\n";
  Response response = json_response(200, std::move(json));
  response.extra_headers.emplace_back("Set-Cookie", set_cookie_value("session", std::to_string(id)));
  return response;
}

Response basic_auth(const Request& request, std::string_view user_and_password) {
  const std::size_t slash = user_and_password.find('/');
  if (slash == std::string_view::npos) return text_response(404, "not found\n");
  const std::string user = percent_decode(user_and_password.substr(0, slash), false);
  const std::string password = percent_decode(user_and_password.substr(slash + 1), false);

  const std::string_view authorization = trim(request.header("Authorization"));
  const std::size_t space = authorization.find(' ');
  const bool matches = space != std::string_view::npos && iequals(authorization.substr(0, space), "Basic") &&
                       trim(authorization.substr(space + 1)) == base64_encode(user + ":" + password);
  if (!matches) {
    Response response = text_response(401, "unauthorized\n");
    response.extra_headers.emplace_back("WWW-Authenticate", "Basic realm=\"locustpp-demo-target\"");
    return response;
  }
  std::string json = "{\"authenticated\": true, \"user\": ";
  append_json_string(json, user);
  json += "}\n";
  return json_response(200, std::move(json));
}

}  // namespace demo_target::detail
