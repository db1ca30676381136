// The HTTP client's URLs (http/url): a --host or a user class's host read
// as an absolute URL, and a Location header (or a task's path) resolved
// against it. The input is "base\nreference". Checks what requests are
// built from: a parsed URL has a host, a target starting with '/', an
// origin that is scheme://host[:port] as the fields say; the URL written
// back (origin and target) reads the same again, so a target is already in
// its final form.
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "http/url.hpp"

#include "fuzz_require.hpp"

namespace {

using locustpp::http::url;

void check(const url& where) {
  FUZZ_REQUIRE(!where.host.empty());
  FUZZ_REQUIRE(!where.target.empty() && where.target.front() == '/');
  for (const char c : where.host) FUZZ_REQUIRE(c < 'A' || c > 'Z');
  std::string origin = where.tls ? "https://" : "http://";
  const bool ipv6 = where.host.find(':') != std::string::npos;
  origin += ipv6 ? "[" + where.host + "]" : where.host;
  if (where.port != (where.tls ? 443 : 80)) origin += ":" + std::to_string(where.port);
  FUZZ_REQUIRE(where.origin == origin);
  FUZZ_REQUIRE(where.host_header() == std::string_view(origin).substr(where.tls ? 8 : 7));
  std::string full;
  where.append_full(full);
  FUZZ_REQUIRE(full == where.origin + where.target);
  const std::optional<url> again = locustpp::http::parse_absolute_url(full);
  FUZZ_REQUIRE(again && again->target == where.target && again->origin == where.origin && again->host == where.host &&
               again->port == where.port && again->tls == where.tls);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  const std::size_t newline = input.find('\n');
  const std::string_view base_text = input.substr(0, newline);
  const std::string_view reference = newline == std::string_view::npos ? std::string_view{} : input.substr(newline + 1);

  const std::optional<url> base = locustpp::http::parse_absolute_url(base_text);
  if (!base) return 0;
  check(*base);
  const std::optional<url> resolved = locustpp::http::resolve_url(*base, reference);
  if (resolved) check(*resolved);
  (void)locustpp::http::path_of(base->target);
  return 0;
}
