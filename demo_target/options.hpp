// Command-line options of locustpp-demo-target and the loopback safety check.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>

namespace demo_target {

struct Options {
  std::string bind_address = "127.0.0.1";
  std::uint16_t port = 8080;  // 0: let the kernel pick a free port
  unsigned threads = 1;
  std::string tls_cert_file;  // both set: serve HTTPS
  std::string tls_key_file;
  bool quiet = false;
  bool allow_non_loopback = false;

  bool tls() const { return !tls_cert_file.empty(); }
};

struct ParsedOptions {
  std::optional<Options> options;  // empty: see `error`, or help was asked for
  std::string error;
  bool help = false;
};

// argv without the program name; accepts "--name value" and "--name=value".
ParsedOptions parse_options(std::span<const char* const> args);
std::string usage(std::string_view program);

// 127.0.0.0/8, ::1 and IPv4-mapped 127.x; literal addresses only.
bool is_loopback_address(std::string_view address);

}  // namespace demo_target
