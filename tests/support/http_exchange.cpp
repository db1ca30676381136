// One blocking HTTP exchange over a loopback socket (see http_exchange.hpp).
#include "http_exchange.hpp"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <cstdint>

namespace locustpp::testing {
namespace {

std::string lower(std::string text) {
  std::transform(text.begin(), text.end(), text.begin(), [](unsigned char c) { return std::tolower(c); });
  return text;
}

}  // namespace

std::string http_reply::header(const std::string& name) const {
  const std::string wanted = lower(name) + ":";
  std::size_t line = head.find("\r\n");
  while (line != std::string::npos && line + 2 < head.size()) {
    std::size_t end = head.find("\r\n", line + 2);
    std::string text = head.substr(line + 2, end == std::string::npos ? std::string::npos : end - line - 2);
    if (lower(text.substr(0, wanted.size())) == wanted) {
      std::string value = text.substr(wanted.size());
      value.erase(0, value.find_first_not_of(' '));
      return value;
    }
    line = end;
  }
  return "";
}

http_reply http_exchange(int port, const std::string& method, const std::string& path, const std::string& body,
                         const std::vector<std::pair<std::string, std::string>>& headers) {
  http_reply reply;
  int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_port = htons(static_cast<std::uint16_t>(port));
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  // A server that stops answering fails the test instead of hanging it.
  timeval limit{20, 0};
  ::setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &limit, sizeof(limit));
  if (::connect(fd, reinterpret_cast<sockaddr*>(&address), sizeof(address)) != 0) {
    ::close(fd);
    return reply;
  }
  std::string request = method + " " + path + " HTTP/1.1\r\nConnection: close\r\n";
  bool host_given = false;
  for (const auto& [name, value] : headers) {
    request += name + ": " + value + "\r\n";
    host_given = host_given || lower(name) == "host";
  }
  if (!host_given) request += "Host: 127.0.0.1\r\n";
  if (!body.empty() || method == "POST") request += "Content-Length: " + std::to_string(body.size()) + "\r\n";
  request += "\r\n" + body;
  for (std::size_t sent = 0; sent < request.size();) {
    ssize_t wrote = ::write(fd, request.data() + sent, request.size() - sent);
    if (wrote <= 0) break;
    sent += static_cast<std::size_t>(wrote);
  }
  std::string response;
  char buffer[16384];
  ssize_t got = 0;
  while ((got = ::read(fd, buffer, sizeof(buffer))) > 0) response.append(buffer, static_cast<std::size_t>(got));
  ::close(fd);
  std::size_t split = response.find("\r\n\r\n");
  if (split == std::string::npos || response.size() < 12) return reply;
  reply.head = response.substr(0, split);
  reply.body = response.substr(split + 4);
  reply.status = std::atoi(response.substr(9, 3).c_str());
  return reply;
}

http_reply http_post_form(int port, const std::string& path, const std::string& form) {
  return http_exchange(port, "POST", path, form, {{"Content-Type", "application/x-www-form-urlencoded"}});
}

}  // namespace locustpp::testing
