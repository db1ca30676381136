// URL parsing and encoding for the HTTP client (see url.hpp).
#include "http/url.hpp"

#include <charconv>

#include "http/ascii.hpp"

namespace locustpp::http {
namespace {

constexpr char hex_digits[] = "0123456789ABCDEF";

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

bool is_escape_at(std::string_view text, std::size_t i) {
  return i + 2 < text.size() && hex_value(text[i + 1]) >= 0 && hex_value(text[i + 2]) >= 0;
}

void append_percent_encoded(std::string& out, unsigned char byte) {
  out += '%';
  out += hex_digits[byte >> 4];
  out += hex_digits[byte & 0xF];
}

// plus_is_space: form encoding, where '+' stands for a space.
void assign_percent_decoded(std::string& out, std::string_view text, bool plus_is_space = false) {
  out.clear();
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '%' && is_escape_at(text, i)) {
      out += static_cast<char>(hex_value(text[i + 1]) * 16 + hex_value(text[i + 2]));
      i += 2;
    } else {
      out += plus_is_space && text[i] == '+' ? ' ' : text[i];
    }
  }
}

bool starts_with_ignoring_case(std::string_view text, std::string_view prefix) {
  return text.size() >= prefix.size() && equal_ignoring_case(text.substr(0, prefix.size()), prefix);
}

void assign_lower(std::string& out, std::string_view text) {
  out.assign(text);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
}

// Removes "." and ".." segments (RFC 3986 5.2.4) from `target` in place,
// keeping the query. Rare (only targets containing "/."), so it may allocate.
void remove_dot_segments(std::string& target) {
  std::string_view path = path_of(target);
  if (path.find("/.") == std::string_view::npos) return;
  std::string query(std::string_view(target).substr(path.size()));
  std::string out;
  std::size_t pos = 0;
  while (pos < path.size()) {
    std::size_t next = path.find('/', pos + 1);
    std::string_view segment = path.substr(pos, next == std::string_view::npos ? path.npos : next - pos);
    if (segment == "/.") {
      if (next == std::string_view::npos) out += '/';
    } else if (segment == "/..") {
      std::size_t cut = out.rfind('/');
      out.erase(cut == std::string::npos ? 0 : cut);
      if (next == std::string_view::npos) out += '/';
    } else {
      out += segment;
    }
    if (next == std::string_view::npos) break;
    pos = next;
  }
  if (out.empty()) out = "/";
  target = out + query;
}

// A host is a name or an address: never a control character, a space or
// DEL (they would go into the Host header and the request line, and a NUL
// would have the resolver look up a shorter name than the one requested),
// nor a bracket beyond an IPv6 address's own. A Location header from a
// target is checked like --host; Python's http.client refuses these too.
bool is_host_text(std::string_view host) {
  for (const char c : host) {
    const auto byte = static_cast<unsigned char>(c);
    if (byte <= 0x20 || byte == 0x7f || c == '[' || c == ']') return false;
  }
  return true;
}

std::string_view without_fragment(std::string_view text) {
  return text.substr(0, text.find('#'));
}

// Rebuilds url::origin from tls, host and port.
void set_origin(url& where) {
  where.origin = where.tls ? "https://" : "http://";
  const bool ipv6 = where.host.find(':') != std::string::npos;
  if (ipv6) where.origin += '[';
  where.origin += where.host;
  if (ipv6) where.origin += ']';
  if (where.port != (where.tls ? 443 : 80)) {
    char digits[8];
    auto [end, error] = std::to_chars(digits, digits + sizeof(digits), where.port);
    (void)error;
    where.origin += ':';
    where.origin.append(digits, end);
  }
}

}  // namespace

bool parse_absolute_url_into(url& out, std::string_view text) {
  if (starts_with_ignoring_case(text, "http://")) {
    text.remove_prefix(7);
    out.tls = false;
    out.port = 80;
  } else if (starts_with_ignoring_case(text, "https://")) {
    text.remove_prefix(8);
    out.tls = true;
    out.port = 443;
  } else {
    return false;
  }
  std::size_t authority_end = text.find_first_of("/?#");
  std::string_view authority = text.substr(0, authority_end);
  std::string_view rest = authority_end == std::string_view::npos ? std::string_view{} : text.substr(authority_end);
  out.userinfo.clear();
  if (std::size_t at = authority.rfind('@'); at != std::string_view::npos) {
    assign_percent_decoded(out.userinfo, authority.substr(0, at));
    authority.remove_prefix(at + 1);
  }
  std::string_view host, port_text;
  if (!authority.empty() && authority.front() == '[') {
    std::size_t close = authority.find(']');
    if (close == std::string_view::npos) return false;
    host = authority.substr(1, close - 1);
    std::string_view after = authority.substr(close + 1);
    if (!after.empty()) {
      if (after.front() != ':') return false;
      port_text = after.substr(1);
    }
  } else {
    std::size_t colon = authority.rfind(':');
    host = authority.substr(0, colon);
    if (colon != std::string_view::npos) port_text = authority.substr(colon + 1);
  }
  if (host.empty() || !is_host_text(host)) return false;
  assign_lower(out.host, host);
  if (!port_text.empty()) {
    unsigned value = 0;
    auto [end, error] = std::from_chars(port_text.data(), port_text.data() + port_text.size(), value);
    if (error != std::errc{} || end != port_text.data() + port_text.size() || value == 0 || value > 65535) {
      return false;
    }
    out.port = static_cast<std::uint16_t>(value);
  }
  set_origin(out);
  rest = without_fragment(rest);
  out.target.clear();
  if (rest.empty() || rest.front() == '?') out.target += '/';
  append_requoted(out.target, rest);
  remove_dot_segments(out.target);
  return true;
}

std::optional<url> parse_absolute_url(std::string_view text) {
  url parsed;
  if (!parse_absolute_url_into(parsed, text)) return std::nullopt;
  return parsed;
}

bool resolve_url_into(url& out, const url& base, std::string_view reference) {
  if (starts_with_ignoring_case(reference, "http://") || starts_with_ignoring_case(reference, "https://")) {
    return parse_absolute_url_into(out, reference);
  }
  if (reference.starts_with("//")) {  // scheme-relative: rare, may allocate
    return parse_absolute_url_into(out, std::string(base.tls ? "https:" : "http:") + std::string(reference));
  }
  reference = without_fragment(reference);
  out.tls = base.tls;
  out.host = base.host;  // assignments reuse out's capacity
  out.port = base.port;
  out.origin = base.origin;
  out.userinfo = base.userinfo;
  out.target.clear();
  if (reference.empty()) {
    out.target = base.target;
    return true;
  }
  if (reference.front() == '?') {
    out.target += path_of(base.target);
  } else if (reference.front() != '/') {
    std::string_view base_path = path_of(base.target);
    std::size_t last_slash = base_path.rfind('/');
    out.target += last_slash == std::string_view::npos ? std::string_view("/") : base_path.substr(0, last_slash + 1);
  }
  append_requoted(out.target, reference);
  remove_dot_segments(out.target);
  return true;
}

std::optional<url> resolve_url(const url& base, std::string_view reference) {
  url resolved;
  if (!resolve_url_into(resolved, base, reference)) return std::nullopt;
  return resolved;
}

void append_requoted(std::string& out, std::string_view text) {
  for (std::size_t i = 0; i < text.size(); ++i) {
    auto byte = static_cast<unsigned char>(text[i]);
    bool allowed = (byte >= 'a' && byte <= 'z') || (byte >= 'A' && byte <= 'Z') || (byte >= '0' && byte <= '9');
    if (!allowed && byte < 0x80) {
      // requote_uri's safe set "!#$%&'()*+,/:;=?@[]~" plus the unreserved "-._".
      static constexpr std::string_view safe = "!#$&'()*+,/:;=?@[]~-._";
      allowed = safe.find(static_cast<char>(byte)) != std::string_view::npos || (byte == '%' && is_escape_at(text, i));
    }
    if (allowed) {
      out += static_cast<char>(byte);
    } else {
      append_percent_encoded(out, byte);
    }
  }
}

std::string form_decoded(std::string_view text) {
  std::string out;
  assign_percent_decoded(out, text, true);
  return out;
}

void append_form_encoded(std::string& out, std::string_view text) {
  for (char c : text) {
    auto byte = static_cast<unsigned char>(c);
    bool unreserved = (byte >= 'a' && byte <= 'z') || (byte >= 'A' && byte <= 'Z') || (byte >= '0' && byte <= '9') ||
                      byte == '-' || byte == '_' || byte == '.' || byte == '~';
    if (unreserved) {
      out += c;
    } else if (byte == ' ') {
      out += '+';
    } else {
      append_percent_encoded(out, byte);
    }
  }
}

std::string_view path_of(std::string_view target) {
  return target.substr(0, target.find('?'));
}

}  // namespace locustpp::http
