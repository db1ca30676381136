// URLs as the HTTP client needs them: split an absolute URL, resolve a
// relative one against a base, and percent-encode paths, queries and form
// values the way Python requests does.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace locustpp::http {

struct url {
  bool tls = false;  // https
  std::string host;  // lower case, without brackets for IPv6
  std::uint16_t port = 80;
  std::string target = "/";  // path and query, percent-encoded, never empty
  std::string userinfo;      // "user:password" (percent-decoded), may be empty
  // "scheme://host[:port]", the port only when non-default, IPv6 hosts in
  // brackets. Derived from tls, host and port, which only the functions
  // below set: they keep it in step, so a request copies it rather than
  // formatting it again.
  std::string origin = "http://";

  // host[:port] (the Host header), and scheme://host[:port]/target without
  // userinfo; appended to `out` so the request path builds no temporary strings.
  void append_host_header(std::string& out) const { out += host_header(); }
  void append_full(std::string& out) const {
    out += origin;
    out += target;
  }
  std::string_view host_header() const noexcept { return std::string_view(origin).substr(tls ? 8 : 7); }
};

// Parses "http(s)://[user:pass@]host[:port][/path][?query]" into `out`,
// reusing its buffers; false (out unspecified) if it is not such a URL.
bool parse_absolute_url_into(url& out, std::string_view text);
std::optional<url> parse_absolute_url(std::string_view text);

// Resolves `reference` (absolute URL, "//host/path", "/path", "path", or
// "?q") against `base` into `out`, reusing out's buffers: a request with a
// long path allocates nothing once the buffers have grown. `out` must not
// be `base`. False when the result is not a valid URL.
bool resolve_url_into(url& out, const url& base, std::string_view reference);
std::optional<url> resolve_url(const url& base, std::string_view reference);

// Appends a path or query with what is not allowed in a request target
// percent-encoded (a space, non-ASCII bytes, control characters, '"<>\^`{|}')
// and existing %XX escapes kept: requests' requote_uri.
void append_requoted(std::string& out, std::string_view text);

// Percent-encodes for application/x-www-form-urlencoded and query strings.
void append_form_encoded(std::string& out, std::string_view text);
// The inverse: %XX escapes decoded, '+' as a space; bad escapes stay as written.
std::string form_decoded(std::string_view text);

// The path of a target without its query.
std::string_view path_of(std::string_view target);

}  // namespace locustpp::http
