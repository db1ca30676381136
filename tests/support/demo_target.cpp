// Demo target for tests (see demo_target.hpp).
#include "demo_target.hpp"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cstdio>

#include "listening_child.hpp"
#include "test_paths.hpp"

namespace locustpp::testing {

demo_target::demo_target(std::vector<std::string> extra) {
  std::vector<std::string> argv{std::string(bin_dir) + "/locustpp-demo-target", "--port", "0", "--quiet"};
  argv.insert(argv.end(), extra.begin(), extra.end());
  process_ = std::make_unique<child_process>(argv);
  url_ = wait_for_announcement(*process_, "listening on ");
  port_ = port_of(url_);
}

std::string http_get_body(int port, const std::string& path) {
  int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_port = htons(static_cast<std::uint16_t>(port));
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (::connect(fd, reinterpret_cast<sockaddr*>(&address), sizeof(address)) != 0) {
    ::close(fd);
    return "";
  }
  std::string request = "GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n";
  (void)::write(fd, request.data(), request.size());
  std::string response;
  char buffer[4096];
  ssize_t got = 0;
  while ((got = ::read(fd, buffer, sizeof(buffer))) > 0) response.append(buffer, static_cast<std::size_t>(got));
  ::close(fd);
  auto body = response.find("\r\n\r\n");
  return body == std::string::npos ? "" : response.substr(body + 4);
}

std::string curl_get_body(const std::string& url) {
  std::string command = "curl -sk --max-time 10 '" + url + "'";
  std::string body;
  if (FILE* pipe = ::popen(command.c_str(), "r")) {
    char buffer[4096];
    std::size_t got = 0;
    while ((got = std::fread(buffer, 1, sizeof(buffer), pipe)) > 0) body.append(buffer, got);
    ::pclose(pipe);
  }
  return body;
}

}  // namespace locustpp::testing
