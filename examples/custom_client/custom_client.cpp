// A client of your own (Locust's "testing other systems using custom
// clients", e.g. its XML-RPC example): here a bare HTTP/1.0 client over a
// plain socket standing in for any protocol. Each call is timed and reported
// with locustpp::measure, so it fires the request event and lands in the
// statistics like the built-in client's requests ("RAW /..." rows).
//
// The calls block: while one runs, the other users of its worker thread
// wait. Keep blocking calls short (here: loopback, a 2 s socket timeout), or
// give them few users per thread (--threads).
// Build: locustpp_add_plugin(custom_client custom_client.cpp)
// Run:   locustpp -f custom_client.so --headless -u 2 -t 5s -H http://127.0.0.1:8080
#include <locustpp/locustpp.hpp>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <string>

namespace {

// One request per connection, HTTP/1.0: the whole "protocol" of this client.
class raw_client {
 public:
  // `host`: the user's -H value, "http://127.0.0.1:8080".
  explicit raw_client(std::string_view host) {
    auto colon = host.rfind(':');
    port_ = static_cast<std::uint16_t>(std::stoi(std::string(host.substr(colon + 1))));
  }

  // Fetches `path` and reports it as request type RAW, named by the path.
  void fetch(locustpp_user* user, const std::string& path) {
    locustpp::measure timing(user, "RAW", path);
    std::string response;
    if (!exchange("GET " + path + " HTTP/1.0\r\n\r\n", response)) {
      timing.failure("ConnectionRefusedError(111, 'Connection refused')");
      return;
    }
    if (response.rfind("HTTP/1.1 200", 0) != 0 && response.rfind("HTTP/1.0 200", 0) != 0) {
      timing.failure("status line: " + response.substr(0, response.find('\r')));
    }
    auto body = response.find("\r\n\r\n");
    timing.set_response_length(body == std::string::npos ? 0 : response.size() - body - 4);
  }

 private:
  // False when the server cannot be reached.
  bool exchange(const std::string& request, std::string& response) const {
    int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    timeval limit{2, 0};
    ::setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &limit, sizeof(limit));
    ::setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &limit, sizeof(limit));
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_port = htons(port_);
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (::connect(fd, reinterpret_cast<sockaddr*>(&address), sizeof(address)) != 0) {
      ::close(fd);
      return false;
    }
    ::send(fd, request.data(), request.size(), MSG_NOSIGNAL);
    char buffer[4096];
    ssize_t got = 0;
    while ((got = ::recv(fd, buffer, sizeof(buffer), 0)) > 0) response.append(buffer, static_cast<std::size_t>(got));
    ::close(fd);
    return true;
  }
  std::uint16_t port_ = 80;
};

struct raw_user : locustpp::user {
  raw_client raw{locustpp::env().host_url()};
  locustpp::task<> index() {
    raw.fetch(handle(), "/");
    co_return;
  }
  locustpp::task<> bytes() {
    raw.fetch(handle(), "/bytes/64");
    co_return;
  }
};

}  // namespace

LOCUSTPP_MODULE("io.locustpp.examples.custom_client", "Custom client", "1.0.0", "Requests made with your own client") {
  module.user<raw_user>("RawUser")
      .wait_time(locustpp::constant(0.05))
      .task("index", &raw_user::index, 3)
      .task("bytes", &raw_user::bytes, 1);
}
