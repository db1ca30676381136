// The hot path promise for the HTTP client: once warm, a request with a
// long path, a query and headers allocates nothing (a real session against
// a real server on loopback; only this thread's allocations are counted).
#include "http/http_session.hpp"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <gtest/gtest.h>

#include <atomic>
#include <boost/asio/io_context.hpp>
#include <boost/asio/post.hpp>
#include <cstdlib>
#include <new>
#include <string>
#include <thread>

#include "http/client_context.hpp"

// This executable replaces the global allocation functions to count calls
// made on the thread that sets counting_here.
namespace {
thread_local bool counting_here = false;
thread_local long allocations_here = 0;
}  // namespace

void* operator new(std::size_t size) {
  if (counting_here) ++allocations_here;
  if (void* memory = std::malloc(size == 0 ? 1 : size)) return memory;
  throw std::bad_alloc();
}
void operator delete(void* memory) noexcept {
  std::free(memory);
}
void operator delete(void* memory, std::size_t) noexcept {
  std::free(memory);
}

namespace locustpp::http {
namespace {

using completion = http_session::completion;
completion next_request = nullptr;  // the loop below, reachable from a captureless callback

// Answers every request on one keep-alive connection with the same 200.
class tiny_server {
 public:
  tiny_server() {
    listener_ = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    ::bind(listener_, reinterpret_cast<sockaddr*>(&address), sizeof(address));
    ::listen(listener_, 4);
    socklen_t size = sizeof(address);
    ::getsockname(listener_, reinterpret_cast<sockaddr*>(&address), &size);
    port_ = ntohs(address.sin_port);
    thread_ = std::thread([this] { serve(); });
  }
  ~tiny_server() {
    ::shutdown(listener_, SHUT_RDWR);
    ::close(listener_);
    thread_.join();
  }
  int port() const { return port_; }

 private:
  void serve() {
    int fd = ::accept(listener_, nullptr, nullptr);
    if (fd < 0) return;
    static constexpr char response[] = "HTTP/1.1 200 OK\r\nContent-Length: 2\r\nX-Server: tiny\r\n\r\nok";
    std::string pending;
    char buffer[16384];
    ssize_t got = 0;
    while ((got = ::recv(fd, buffer, sizeof(buffer), 0)) > 0) {
      pending.append(buffer, static_cast<std::size_t>(got));
      std::size_t end = 0;
      while ((end = pending.find("\r\n\r\n")) != std::string::npos) {
        pending.erase(0, end + 4);
        ::send(fd, response, sizeof(response) - 1, MSG_NOSIGNAL);
      }
    }
    ::close(fd);
  }
  int listener_ = -1;
  int port_ = 0;
  std::thread thread_;
};

TEST(HttpSessionAllocations, AWarmRequestWithALongPathAllocatesNothing) {
  tiny_server server;
  boost::asio::io_context io(1);
  client_context context(io, client_settings{});
  http_session session(context);
  url base = *parse_absolute_url("http://127.0.0.1:" + std::to_string(server.port()));
  std::string path = "/catalog/" + std::string(300, 'p') + "/item?colour=blue&size=large";
  locustpp_pair headers[] = {{{"X-Trace", 7}, {"abc-123", 7}}, {{"Accept", 6}, {"application/json", 16}}};
  locustpp_http_request request{};
  request.struct_size = sizeof(request);
  request.method = {"GET", 3};
  request.url = {path.data(), path.size()};
  request.headers = headers;
  request.header_count = 2;
  // Like a user: each request starts from the previous one's completion,
  // inside the event loop (where Asio recycles its operation memory).
  struct loop_state {
    http_session* session;
    const url* base;
    const locustpp_http_request* request;
    int finished = 0;
    bool failed = false;
  } state{&session, &base, &request};
  constexpr int warm_up = 50, measured = 1000;
  completion next = [](void* raw) {
    auto& self = *static_cast<loop_state*>(raw);
    self.failed = self.failed || self.session->result().response.status != 200;
    ++self.finished;
    counting_here = self.finished >= warm_up && self.finished < warm_up + measured;
    if (self.finished < warm_up + measured) {
      self.session->start(*self.request, self.base, next_request, raw);
    } else {
      self.session->abandon();  // closes the connection and its deadline timer: run() returns
    }
  };
  next_request = next;
  boost::asio::post(io, [&] { session.start(request, &base, next, &state); });
  io.run();
  counting_here = false;
  ASSERT_EQ(state.finished, warm_up + measured);
  EXPECT_FALSE(state.failed);
  EXPECT_EQ(allocations_here, 0) << "allocations in " << measured << " warm requests";
}

}  // namespace
}  // namespace locustpp::http
