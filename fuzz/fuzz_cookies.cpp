// The cookies a target sets (http/cookie_jar, cookie_date). The input is
// "host\npath\n" and then one Set-Cookie value a line, as the session
// stores them from one response's fields; every line is also read as an
// Expires date. Then the jar writes the Cookie header of requests to that
// host and path, with and without TLS. Checks that what it writes can go
// into a request: no CR, LF or NUL, whatever the target sent.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "http/cookie_date.hpp"
#include "http/cookie_jar.hpp"

#include "fuzz_require.hpp"

namespace {

// A fixed clock, so that a crash replays: 2026-01-01T00:00:00Z.
constexpr std::int64_t now = 1'767'225'600;

std::string_view next_line(std::string_view& text) {
  const std::size_t newline = text.find('\n');
  const std::string_view line = text.substr(0, newline);
  text = newline == std::string_view::npos ? std::string_view{} : text.substr(newline + 1);
  return line;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view input(reinterpret_cast<const char*>(data), size);
  const std::string_view host = next_line(input);
  const std::string_view path = next_line(input);

  locustpp::http::cookie_jar jar;
  while (!input.empty()) {
    const std::string_view set_cookie = next_line(input);
    (void)locustpp::http::parse_cookie_date(set_cookie);
    jar.store(set_cookie, host, path, now);
  }
  for (const bool tls : {false, true}) {
    std::string header;
    const bool any = jar.append_header_value(header, host, path, tls, now);
    FUZZ_REQUIRE(any == !header.empty());
    FUZZ_REQUIRE(header.find_first_of(std::string_view("\r\n\0", 3)) == std::string::npos);
  }
  return 0;
}
