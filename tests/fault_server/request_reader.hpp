// The misbehaving server's request side: reads one HTTP/1.1 request head
// (and a Content-Length body) from a blocking socket. Deliberately small:
// the server only needs the method and path of well-formed client requests.
#pragma once

#include <optional>
#include <string>

namespace locustpp::fault_server {

struct request_head {
  std::string method;
  std::string path;  // without the query
};

class request_reader {
 public:
  explicit request_reader(int fd) : fd_(fd) {}
  // The next request on the connection; nullopt when the peer closed it
  // (or sent something that is not a request).
  std::optional<request_head> next();

 private:
  bool fill();  // reads more bytes into buffer_; false on EOF or error
  int fd_;
  std::string buffer_;
};

}  // namespace locustpp::fault_server
