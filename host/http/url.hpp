// URLs as the HTTP client needs them: split an absolute URL, resolve a
// relative one against a base, and percent-encode query/form values.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace locustpp::http {

struct url {
  bool tls = false;           // https
  std::string host;           // without brackets for IPv6
  std::uint16_t port = 80;
  std::string target = "/";   // path and query, never empty
  std::string userinfo;       // "user:password" (percent-decoded), may be empty

  // host[:port], the port only when non-default (the Host header), and
  // scheme://host[:port]/target without userinfo; appended to `out` so the
  // request path builds no temporary strings.
  void append_host_header(std::string& out) const;
  void append_full(std::string& out) const;
};

// Parses "http(s)://[user:pass@]host[:port][/path][?query]"; nullopt if it
// is not such a URL.
std::optional<url> parse_absolute_url(std::string_view text);

// Resolves `reference` (absolute URL, "/path", "path", or "?q") against base.
std::optional<url> resolve_url(const url& base, std::string_view reference);

// Percent-encodes for application/x-www-form-urlencoded and query strings.
void append_form_encoded(std::string& out, std::string_view text);

// The path of a target without its query.
std::string_view path_of(std::string_view target);

}  // namespace locustpp::http
