// Reading requests (see request_reader.hpp).
#include "request_reader.hpp"

#include <sys/socket.h>

#include <strings.h>
#include <cctype>
#include <cstdlib>

namespace locustpp::fault_server {
namespace {

constexpr std::size_t max_head_bytes = 64 * 1024;

std::size_t content_length_of(const std::string& head) {
  std::size_t at = 0;
  while ((at = head.find("\r\n", at)) != std::string::npos) {
    at += 2;
    constexpr const char* name = "content-length:";
    if (strncasecmp(head.c_str() + at, name, 15) == 0) return std::strtoull(head.c_str() + at + 15, nullptr, 10);
  }
  return 0;
}

}  // namespace

bool request_reader::fill() {
  char chunk[16 * 1024];
  ssize_t got = ::recv(fd_, chunk, sizeof(chunk), 0);
  if (got <= 0) return false;
  buffer_.append(chunk, static_cast<std::size_t>(got));
  return true;
}

std::optional<request_head> request_reader::next() {
  std::size_t end = 0;
  while ((end = buffer_.find("\r\n\r\n")) == std::string::npos) {
    if (buffer_.size() > max_head_bytes || !fill()) return std::nullopt;
  }
  std::string head = buffer_.substr(0, end + 2);
  std::size_t body = content_length_of(head);
  while (buffer_.size() < end + 4 + body) {
    if (!fill()) return std::nullopt;
  }
  buffer_.erase(0, end + 4 + body);

  request_head request;
  std::size_t space = head.find(' ');
  std::size_t second = head.find(' ', space + 1);
  if (space == std::string::npos || second == std::string::npos) return std::nullopt;
  request.method = head.substr(0, space);
  std::string target = head.substr(space + 1, second - space - 1);
  request.path = target.substr(0, target.find('?'));
  return request;
}

}  // namespace locustpp::fault_server
