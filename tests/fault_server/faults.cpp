// The fault routes (see faults.hpp). Every write uses MSG_NOSIGNAL: a client
// that gives up early (as it should on a 1 MiB header) must not kill us.
#include "faults.hpp"

#include <sys/socket.h>
#include <unistd.h>

#include <chrono>
#include <functional>
#include <thread>
#include <unordered_map>

namespace locustpp::fault_server {
namespace {

void send_all(int fd, const std::string& bytes) {
  std::size_t sent = 0;
  while (sent < bytes.size()) {
    ssize_t n = ::send(fd, bytes.data() + sent, bytes.size() - sent, MSG_NOSIGNAL);
    if (n <= 0) return;
    sent += static_cast<std::size_t>(n);
  }
}

std::string ok_response(const std::string& body) {
  return "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: " + std::to_string(body.size()) + "\r\n\r\n" +
         body;
}

after_response reset(int fd) {
  linger abort_on_close{1, 0};  // close() then sends RST instead of FIN
  ::setsockopt(fd, SOL_SOCKET, SO_LINGER, &abort_on_close, sizeof(abort_on_close));
  return after_response::close;
}

after_response send_and_close(int fd, const std::string& bytes) {
  send_all(fd, bytes);
  return after_response::close;
}

// Waits until the client gives up (closes), never answering.
after_response stall(int fd) {
  char ignored[256];
  while (::recv(fd, ignored, sizeof(ignored), 0) > 0) {
  }
  return after_response::close;
}

// A valid response, one byte every 2 ms.
after_response drip(int fd) {
  std::string response = ok_response("drip-drop!");
  for (char byte : response) {
    send_all(fd, std::string(1, byte));
    std::this_thread::sleep_for(std::chrono::milliseconds(2));
  }
  return after_response::keep_open;
}

using route = std::function<after_response(int fd)>;

const std::unordered_map<std::string, route>& routes() {
  static const std::unordered_map<std::string, route> table = {
      {"/ok", [](int fd) { return send_all(fd, ok_response("ok")), after_response::keep_open; }},
      {"/reset", reset},
      {"/drop", [](int) { return after_response::close; }},
      // A complete keep-alive response, then the server closes anyway: the
      // race every keep-alive client meets on a server's idle timeout.
      {"/close-after", [](int fd) { return send_and_close(fd, ok_response("bye")); }},
      {"/garbage", [](int fd) { return send_and_close(fd, "GARBAGE\r\n\r\n"); }},
      {"/bad-status", [](int fd) { return send_and_close(fd, "HTTP/1.1 abc Bad\r\nContent-Length: 0\r\n\r\n"); }},
      // A status line the failure text repeats, with an escape sequence and
      // bytes that are not UTF-8 (0xFF, a lone continuation byte, a cut
      // 3-byte sequence).
      {"/hostile-status",
       [](int fd) {
         return send_and_close(fd, "HTTP/1.1 abc \x1B[31m \xFF \x80 \xE2\x82 end\r\nContent-Length: 0\r\n\r\n");
       }},
      {"/truncated", [](int fd) { return send_and_close(fd, "HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\nhello"); }},
      {"/huge-header",
       [](int fd) {
         return send_and_close(
             fd, "HTTP/1.1 200 OK\r\nX-Big: " + std::string(1 << 20, 'a') + "\r\nContent-Length: 2\r\n\r\nok");
       }},
      {"/bad-chunk",
       [](int fd) {
         return send_and_close(fd, "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\nhello\r\n0\r\n\r\n");
       }},
      {"/stall", stall},
      {"/drip", drip},
      {"/http10",
       [](int fd) { return send_and_close(fd, "HTTP/1.0 200 OK\r\nContent-Type: text/plain\r\n\r\nold-style body"); }},
      // A 204 may not have a body; this one sends ten bytes anyway, a moment
      // after the head, and keeps the connection open: a naive client reads
      // them as the start of its next response.
      {"/no-content-body",
       [](int fd) {
         send_all(fd, "HTTP/1.1 204 No Content\r\nContent-Length: 10\r\n\r\n");
         std::this_thread::sleep_for(std::chrono::milliseconds(5));
         send_all(fd, "stray-body");
         return after_response::keep_open;
       }},
  };
  return table;
}

}  // namespace

void request_counts::add(const std::string& path) {
  std::lock_guard lock(mutex_);
  ++by_path_[path];
}

std::string request_counts::json() const {
  std::lock_guard lock(mutex_);
  std::string out = "{";
  for (const auto& [path, count] : by_path_) {
    if (out.size() > 1) out += ",";
    out += "\"" + path + "\":" + std::to_string(count);
  }
  return out + "}";
}

after_response answer(int fd, const std::string& path, const request_counts& counts) {
  if (path == "/__counters") {
    std::string body = counts.json();
    return send_and_close(fd,
                          "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nConnection: close\r\nContent-Length: " +
                              std::to_string(body.size()) + "\r\n\r\n" + body);
  }
  auto found = routes().find(path);
  if (found == routes().end()) {
    send_all(fd, "HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\n\r\n");
    return after_response::keep_open;
  }
  return found->second(fd);
}

}  // namespace locustpp::fault_server
