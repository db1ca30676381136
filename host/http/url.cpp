// URL parsing and encoding for the HTTP client (see url.hpp).
#include "http/url.hpp"

#include <charconv>

#include <charconv>

namespace locustpp::http {
namespace {

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

std::string percent_decode(std::string_view text) {
  std::string out;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '%' && i + 2 < text.size() &&
        hex_value(text[i + 1]) >= 0 && hex_value(text[i + 2]) >= 0) {
      out += static_cast<char>(hex_value(text[i + 1]) * 16 + hex_value(text[i + 2]));
      i += 2;
    } else {
      out += text[i];
    }
  }
  return out;
}

bool starts_with_ignoring_case(std::string_view text, std::string_view prefix) {
  if (text.size() < prefix.size()) return false;
  for (std::size_t i = 0; i < prefix.size(); ++i) {
    char c = text[i];
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    if (c != prefix[i]) return false;
  }
  return true;
}

// Removes "." and ".." segments (RFC 3986 5.2.4), keeping the query.
std::string normalize_target(std::string_view target) {
  std::string_view path = path_of(target);
  std::string_view query = target.substr(path.size());
  if (path.find("/.") == std::string_view::npos) return std::string(target);
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
  return out + std::string(query);
}

}  // namespace

void url::append_host_header(std::string& out) const {
  bool ipv6 = host.find(':') != std::string::npos;
  if (ipv6) out += '[';
  out += host;
  if (ipv6) out += ']';
  if (port != (tls ? 443 : 80)) {
    char digits[8];
    auto [end, error] = std::to_chars(digits, digits + sizeof(digits), port);
    (void)error;
    out += ':';
    out.append(digits, end);
  }
}

void url::append_full(std::string& out) const {
  out += tls ? "https://" : "http://";
  append_host_header(out);
  out += target;
}

std::optional<url> parse_absolute_url(std::string_view text) {
  url parsed;
  if (starts_with_ignoring_case(text, "http://")) {
    text.remove_prefix(7);
  } else if (starts_with_ignoring_case(text, "https://")) {
    text.remove_prefix(8);
    parsed.tls = true;
    parsed.port = 443;
  } else {
    return std::nullopt;
  }
  std::size_t authority_end = text.find_first_of("/?#");
  std::string_view authority = text.substr(0, authority_end);
  std::string_view rest = authority_end == std::string_view::npos ? std::string_view{} : text.substr(authority_end);
  if (std::size_t at = authority.rfind('@'); at != std::string_view::npos) {
    parsed.userinfo = percent_decode(authority.substr(0, at));
    authority.remove_prefix(at + 1);
  }
  std::string_view port_text;
  if (!authority.empty() && authority.front() == '[') {
    std::size_t close = authority.find(']');
    if (close == std::string_view::npos) return std::nullopt;
    parsed.host = std::string(authority.substr(1, close - 1));
    std::string_view after = authority.substr(close + 1);
    if (!after.empty()) {
      if (after.front() != ':') return std::nullopt;
      port_text = after.substr(1);
    }
  } else {
    std::size_t colon = authority.rfind(':');
    parsed.host = std::string(authority.substr(0, colon));
    if (colon != std::string_view::npos) port_text = authority.substr(colon + 1);
  }
  if (parsed.host.empty()) return std::nullopt;
  if (!port_text.empty()) {
    unsigned value = 0;
    auto [end, error] = std::from_chars(port_text.data(), port_text.data() + port_text.size(), value);
    if (error != std::errc{} || end != port_text.data() + port_text.size() || value == 0 || value > 65535) {
      return std::nullopt;
    }
    parsed.port = static_cast<std::uint16_t>(value);
  }
  if (std::size_t fragment = rest.find('#'); fragment != std::string_view::npos) rest = rest.substr(0, fragment);
  if (rest.empty() || rest.front() == '?') {
    parsed.target = "/" + std::string(rest);
  } else {
    parsed.target = normalize_target(rest);
  }
  return parsed;
}

std::optional<url> resolve_url(const url& base, std::string_view reference) {
  if (starts_with_ignoring_case(reference, "http://") || starts_with_ignoring_case(reference, "https://")) {
    return parse_absolute_url(reference);
  }
  if (reference.starts_with("//")) {
    return parse_absolute_url(std::string(base.tls ? "https:" : "http:") + std::string(reference));
  }
  if (std::size_t fragment = reference.find('#'); fragment != std::string_view::npos) {
    reference = reference.substr(0, fragment);
  }
  url resolved = base;
  if (reference.empty()) return resolved;
  if (reference.front() == '/') {
    resolved.target = normalize_target(reference);
  } else if (reference.front() == '?') {
    resolved.target = std::string(path_of(base.target)) + std::string(reference);
  } else {
    std::string_view base_path = path_of(base.target);
    std::size_t last_slash = base_path.rfind('/');
    std::string directory(base_path.substr(0, last_slash == std::string_view::npos ? 0 : last_slash + 1));
    if (directory.empty()) directory = "/";
    resolved.target = normalize_target(directory + std::string(reference));
  }
  return resolved;
}

void append_form_encoded(std::string& out, std::string_view text) {
  static constexpr char digits[] = "0123456789ABCDEF";
  for (char c : text) {
    auto byte = static_cast<unsigned char>(c);
    bool unreserved = (byte >= 'a' && byte <= 'z') || (byte >= 'A' && byte <= 'Z') || (byte >= '0' && byte <= '9') ||
                      byte == '-' || byte == '_' || byte == '.' || byte == '~';
    if (unreserved) {
      out += c;
    } else if (byte == ' ') {
      out += '+';
    } else {
      out += '%';
      out += digits[byte >> 4];
      out += digits[byte & 0xF];
    }
  }
}

std::string_view path_of(std::string_view target) { return target.substr(0, target.find('?')); }

}  // namespace locustpp::http
