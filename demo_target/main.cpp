// locustpp-demo-target: a small, fast HTTP/1.1 server used by `make run`, the
// examples and the integration tests as the system under load.
//
//   options.*      command line and the loopback-only safety check
//   server.*       listening socket, I/O threads, TLS, signals
//   session.*      one connection: HTTP/1.x parsing and writing (Beast)
//   routes*.cpp    what each URL answers, as pure functions
//   counters.*     exact request counts behind /__counters
//   json.*, text_codec.*   small encoding helpers
#include <exception>
#include <iostream>
#include <span>

#include "options.hpp"
#include "server.hpp"

int main(int argc, char** argv) {
  using namespace demo_target;
  const std::span<const char* const> args(argv, static_cast<std::size_t>(argc));
  const char* const program = args.empty() ? "locustpp-demo-target" : args.front();
  const ParsedOptions parsed = parse_options(args.empty() ? args : args.subspan(1));
  if (parsed.help) {
    std::cout << usage(program);
    return 0;
  }
  if (!parsed.options) {
    std::cerr << "locustpp-demo-target: " << parsed.error << "\n" << usage(program);
    return 2;
  }
  const Options& options = *parsed.options;

  // A load generator pointed at someone else's machine by accident is an
  // attack; make that a deliberate choice.
  if (!is_loopback_address(options.bind_address) && !options.allow_non_loopback) {
    std::cerr << "locustpp-demo-target: refusing to bind non-loopback address '" << options.bind_address
              << "' (only 127.0.0.0/8 and ::1); pass --allow-non-loopback if you really mean it\n";
    return 1;
  }

  try {
    Server server(options);
    // Tests wait for this exact line and read the port from it.
    std::cout << "listening on " << server.url() << std::endl;
    if (!options.quiet) {
      std::cerr << "locustpp-demo-target: " << options.threads << " I/O thread(s); Ctrl-C to stop\n";
    }
    server.run();
  } catch (const std::exception& error) {
    std::cerr << "locustpp-demo-target: " << error.what() << "\n";
    return 1;
  }
  return 0;
}
