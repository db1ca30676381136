// Cookie storage and matching for one simulated user (see cookie_jar.hpp).
// A pragmatic subset of RFC 6265: Domain, Path, Secure, Expires and Max-Age.
#include "http/cookie_jar.hpp"

#include <algorithm>
#include <cctype>
#include <charconv>

#include "http/ascii.hpp"
#include "http/cookie_date.hpp"
#include "http/header_text.hpp"

namespace locustpp::http {
namespace {

std::string lower(std::string_view text) {
  std::string out(text);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

bool domain_matches(std::string_view host, std::string_view domain) {
  if (equal_ignoring_case(host, domain)) return true;
  return host.size() > domain.size() && equal_ignoring_case(host.substr(host.size() - domain.size()), domain) &&
         host[host.size() - domain.size() - 1] == '.';
}

// Max-Age's delta-seconds (RFC 6265 5.2.2): nullopt when not a number.
std::optional<std::int64_t> max_age_of(std::string_view value) {
  std::int64_t seconds = 0;
  auto [end, error] = std::from_chars(value.data(), value.data() + value.size(), seconds);
  if (error == std::errc::result_out_of_range) return value.starts_with('-') ? INT64_MIN / 2 : INT64_MAX / 2;
  if (error != std::errc{} || end != value.data() + value.size()) return std::nullopt;
  return seconds;
}

bool path_matches(std::string_view request_path, std::string_view cookie_path) {
  if (!request_path.starts_with(cookie_path)) return false;
  return request_path.size() == cookie_path.size() || cookie_path.ends_with('/') ||
         request_path[cookie_path.size()] == '/';
}

// RFC 6265bis §5.6: a Set-Cookie string with a control character other
// than HTAB is ignored as a whole, as browsers do; its name or value would
// otherwise go into the Cookie header of later requests, where a bare CR
// ends the line for some servers.
bool has_control_character(std::string_view text) {
  return std::any_of(text.begin(), text.end(), [](char c) {
    const auto byte = static_cast<unsigned char>(c);
    return (byte < 0x20 && c != '\t') || byte == 0x7f;
  });
}

std::string default_path(std::string_view request_path) {
  std::size_t last = request_path.rfind('/');
  if (last == 0 || last == std::string_view::npos) return "/";
  return std::string(request_path.substr(0, last));
}

}  // namespace

void cookie_jar::store(std::string_view set_cookie, std::string_view request_host, std::string_view request_path,
                       std::int64_t now) {
  if (has_control_character(set_cookie)) return;
  std::size_t semicolon = set_cookie.find(';');
  std::string_view pair = trimmed(set_cookie.substr(0, semicolon));
  std::size_t equals = pair.find('=');
  if (equals == std::string_view::npos || equals == 0) return;
  cookie parsed{std::string(trimmed(pair.substr(0, equals))),
                std::string(trimmed(pair.substr(equals + 1))),
                lower(request_host),
                default_path(request_path),
                true,
                false,
                std::nullopt};
  std::optional<std::int64_t> max_age;
  std::string_view attributes =
      semicolon == std::string_view::npos ? std::string_view{} : set_cookie.substr(semicolon + 1);
  while (!attributes.empty()) {
    std::size_t next = attributes.find(';');
    std::string_view attribute = trimmed(attributes.substr(0, next));
    attributes = next == std::string_view::npos ? std::string_view{} : attributes.substr(next + 1);
    std::size_t eq = attribute.find('=');
    std::string key = lower(trimmed(attribute.substr(0, eq)));
    std::string_view value = eq == std::string_view::npos ? std::string_view{} : trimmed(attribute.substr(eq + 1));
    if (key == "domain" && !value.empty()) {
      if (value.front() == '.') value.remove_prefix(1);
      std::string domain = lower(value);
      if (!domain_matches(lower(request_host), domain)) return;  // not ours to set
      parsed.domain = domain;
      parsed.host_only = false;
    } else if (key == "path" && !value.empty() && value.front() == '/') {
      parsed.path = std::string(value);
    } else if (key == "secure") {
      parsed.secure = true;
    } else if (key == "max-age") {
      max_age = max_age_of(value);
    } else if (key == "expires" && !max_age) {  // Max-Age wins over Expires
      parsed.expires = parse_cookie_date(value);
    }
  }
  if (max_age) parsed.expires = *max_age <= 0 ? INT64_MIN : now + std::min(*max_age, INT64_MAX / 2 - now);
  bool expired = parsed.expires && *parsed.expires <= now;
  auto same = std::find_if(cookies_.begin(), cookies_.end(), [&](const cookie& existing) {
    return existing.name == parsed.name && existing.domain == parsed.domain && existing.path == parsed.path;
  });
  if (expired) {
    if (same != cookies_.end()) cookies_.erase(same);
  } else if (same != cookies_.end()) {
    *same = std::move(parsed);
  } else {
    if (cookies_.size() >= cookie_jar::max_cookies) {
      std::erase_if(cookies_, [&](const cookie& held) { return held.expires && *held.expires <= now; });
    }
    if (cookies_.size() >= cookie_jar::max_cookies) cookies_.erase(cookies_.begin());  // the oldest
    cookies_.push_back(std::move(parsed));
  }
}

bool cookie_jar::append_header_value(std::string& out, std::string_view host, std::string_view path, bool tls,
                                     std::int64_t now) const {
  bool any = false;
  for (const auto& entry : cookies_) {
    bool host_ok = entry.host_only ? equal_ignoring_case(host, entry.domain) : domain_matches(host, entry.domain);
    if (!host_ok || !path_matches(path, entry.path) || (entry.secure && !tls)) continue;
    if (entry.expires && *entry.expires <= now) continue;
    if (any) out += "; ";
    out += entry.name;
    out += '=';
    out += entry.value;
    any = true;
  }
  return any;
}

}  // namespace locustpp::http
