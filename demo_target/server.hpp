// The listening server: binds the socket, owns the I/O threads and the TLS
// context, hands each accepted connection to a session, stops on SIGINT/SIGTERM.
// Asio stays behind a pimpl so main.cpp compiles in a blink.
#pragma once

#include <memory>
#include <string>

#include "options.hpp"

namespace demo_target {

class Server {
 public:
  // Binds and listens right away; throws std::runtime_error with a readable
  // message (address in use, unreadable certificate, ...).
  explicit Server(const Options& options);
  ~Server();
  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;

  // "http://127.0.0.1:PORT" with the port actually bound (useful for --port 0).
  std::string url() const;
  // Serves until SIGINT or SIGTERM, then returns after all threads stopped.
  void run();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace demo_target
