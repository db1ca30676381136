// Parsing of the demo target's command line (see options.hpp).
#include "options.hpp"

#include "routes.hpp"

#include <arpa/inet.h>

#include <algorithm>
#include <array>
#include <cstring>
#include <iterator>

#include "text_codec.hpp"

namespace demo_target {
namespace {

constexpr unsigned kMaxThreads = 256;

ParsedOptions failure(std::string message) {
  ParsedOptions parsed;
  parsed.error = std::move(message);
  return parsed;
}

}  // namespace

std::string usage(std::string_view program) {
  std::string text = "usage: ";
  text.append(program).append(
      " [options]\n"
      "A small HTTP/1.1 server for exercising locustpp.\n\n"
      "  --bind ADDR            address to listen on (default 127.0.0.1; loopback only)\n"
      "  --port N               port (default 8080; 0 picks a free port)\n"
      "  --threads N            I/O threads (default 1)\n"
      "  --tls-cert FILE        serve HTTPS with this PEM certificate (chain)\n"
      "  --tls-key FILE         ... and this PEM private key\n"
      "  --quiet                print only the 'listening on' line and errors\n"
      "  --allow-non-loopback   allow --bind to a non-loopback address\n"
      "  --help                 this text\n\n"
      "Prints 'listening on http(s)://ADDR:PORT' once ready.\n\n"
      "Routes (every request is counted by path and status, except /__counters):\n");
  text.append(route_list());
  return text;
}

ParsedOptions parse_options(std::span<const char* const> args) {
  Options options;
  for (std::size_t i = 0; i < args.size(); ++i) {
    std::string_view name = args[i];
    std::optional<std::string_view> inline_value;
    if (const std::size_t eq = name.find('='); name.starts_with("--") && eq != std::string_view::npos) {
      inline_value = name.substr(eq + 1);
      name = name.substr(0, eq);
    }
    // Flags first: they take no value.
    if (name == "--help" || name == "-h") {
      ParsedOptions parsed;
      parsed.help = true;
      return parsed;
    }
    if (name == "--quiet" || name == "--allow-non-loopback") {
      if (inline_value) return failure(std::string(name) + " takes no value");
      (name == "--quiet" ? options.quiet : options.allow_non_loopback) = true;
      continue;
    }
    static constexpr std::string_view kValueOptions[] = {"--bind", "--port", "--threads", "--tls-cert", "--tls-key"};
    if (std::find(std::begin(kValueOptions), std::end(kValueOptions), name) == std::end(kValueOptions)) {
      return failure("unknown option " + std::string(name));
    }
    std::string_view value;
    if (inline_value) {
      value = *inline_value;
    } else if (i + 1 < args.size()) {
      value = args[++i];
    } else {
      return failure("missing value for " + std::string(name));
    }

    if (name == "--bind") {
      options.bind_address = value == "localhost" ? "127.0.0.1" : std::string(value);
    } else if (name == "--port") {
      const auto port = parse_uint(value, 65535);
      if (!port) return failure("invalid --port '" + std::string(value) + "' (0..65535)");
      options.port = static_cast<std::uint16_t>(*port);
    } else if (name == "--threads") {
      const auto threads = parse_uint(value, kMaxThreads);
      if (!threads || *threads == 0) return failure("invalid --threads '" + std::string(value) + "' (1..256)");
      options.threads = static_cast<unsigned>(*threads);
    } else if (name == "--tls-cert") {
      options.tls_cert_file = value;
    } else {  // --tls-key, the last of kValueOptions
      options.tls_key_file = value;
    }
  }
  if (options.tls_cert_file.empty() != options.tls_key_file.empty()) {
    return failure("--tls-cert and --tls-key must be given together");
  }
  ParsedOptions parsed;
  parsed.options = std::move(options);
  return parsed;
}

bool is_loopback_address(std::string_view address) {
  const std::string text(address);  // inet_pton needs a NUL-terminated string
  std::array<unsigned char, 16> bytes{};
  if (inet_pton(AF_INET, text.c_str(), bytes.data()) == 1) return bytes[0] == 127;
  if (inet_pton(AF_INET6, text.c_str(), bytes.data()) != 1) return false;
  static constexpr std::array<unsigned char, 16> kIpv6Loopback{0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1};
  static constexpr std::array<unsigned char, 12> kIpv4MappedPrefix{0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff};
  if (bytes == kIpv6Loopback) return true;
  return std::memcmp(bytes.data(), kIpv4MappedPrefix.data(), kIpv4MappedPrefix.size()) == 0 && bytes[12] == 127;
}

}  // namespace demo_target
