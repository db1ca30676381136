// locustpp-fault-server: a deliberately misbehaving HTTP server for the
// fault tests (see faults.hpp for its routes). It listens on two loopback
// ports and prints both:
//   listening on http://127.0.0.1:PORT       the HTTP routes
//   stalling tls on https://127.0.0.1:PORT   accepts, then never answers a TLS handshake
//   stalling connect on http://127.0.0.1:PORT a full accept queue: connecting hangs
// One thread per connection: the clients under test open a handful.
#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cstdio>
#include <cstring>
#include <stdexcept>
#include <string>
#include <thread>

#include "faults.hpp"
#include "request_reader.hpp"

namespace {

using namespace locustpp::fault_server;

int listen_on_loopback(int& port, int backlog = 512) {
  int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  int yes = 1;
  ::setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &yes, sizeof(yes));
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  address.sin_port = htons(static_cast<std::uint16_t>(port));
  if (::bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof(address)) != 0 || ::listen(fd, backlog) != 0) {
    throw std::runtime_error(std::string("cannot listen: ") + std::strerror(errno));
  }
  socklen_t size = sizeof(address);
  ::getsockname(fd, reinterpret_cast<sockaddr*>(&address), &size);
  port = ntohs(address.sin_port);
  return fd;
}

void serve_http(int fd, request_counts& counts) {
  request_reader reader(fd);
  while (auto request = reader.next()) {
    if (request->path != "/__counters") counts.add(request->path);
    if (answer(fd, request->path, counts) == after_response::close) break;
  }
  ::close(fd);
}

// Reads whatever the client sends (its ClientHello) and never writes.
void stall_tls(int fd) {
  char ignored[1024];
  while (::recv(fd, ignored, sizeof(ignored), 0) > 0) {
  }
  ::close(fd);
}

// A listener that never accepts, its queue filled by our own connections:
// the kernel then drops further SYNs, and a client's connect() hangs.
int full_listener(int& port) {
  int fd = listen_on_loopback(port, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  address.sin_port = htons(static_cast<std::uint16_t>(port));
  for (int i = 0; i < 2; ++i) {
    int filler = ::socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK, 0);
    ::connect(filler, reinterpret_cast<sockaddr*>(&address), sizeof(address));  // kept open on purpose
  }
  return fd;
}

template <class Serve>
void accept_forever(int listener, Serve serve) {
  for (;;) {
    int fd = ::accept(listener, nullptr, nullptr);
    if (fd < 0) continue;
    std::thread(serve, fd).detach();
  }
}

}  // namespace

int main(int argc, char** argv) {
  int http_port = 0;
  for (int i = 1; i + 1 < argc; ++i) {
    if (std::string(argv[i]) == "--port") http_port = std::stoi(argv[i + 1]);
  }
  int tls_port = 0;
  int http_listener = listen_on_loopback(http_port);
  int tls_listener = listen_on_loopback(tls_port);
  int stalled_port = 0;
  full_listener(stalled_port);
  std::printf(
      "listening on http://127.0.0.1:%d\nstalling tls on https://127.0.0.1:%d\n"
      "stalling connect on http://127.0.0.1:%d\n",
      http_port, tls_port, stalled_port);
  std::fflush(stdout);
  static request_counts counts;
  std::thread(accept_forever<void (*)(int)>, tls_listener, &stall_tls).detach();
  accept_forever(http_listener, [](int fd) { serve_http(fd, counts); });
}
