// Demo target for tests (see demo_target.hpp).
#include "demo_target.hpp"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <chrono>
#include <stdexcept>
#include <thread>

#include "test_paths.hpp"

namespace locustpp::testing {

demo_target::demo_target(std::vector<std::string> extra) {
  std::vector<std::string> argv{std::string(bin_dir) + "/locustpp-demo-target", "--port", "0", "--quiet"};
  argv.insert(argv.end(), extra.begin(), extra.end());
  process_ = std::make_unique<child_process>(argv);
  for (int i = 0; i < 100; ++i) {
    std::string out = process_->stdout_text();
    auto at = out.find("listening on ");
    auto end = out.find('\n', at);
    if (at != std::string::npos && end != std::string::npos) {
      url_ = out.substr(at + 13, end - at - 13);
      port_ = std::stoi(url_.substr(url_.rfind(':') + 1));
      return;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  throw std::runtime_error("demo target did not start: " + process_->stderr_text());
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

}  // namespace locustpp::testing
