// Announcements of child servers (see listening_child.hpp).
#include "listening_child.hpp"

#include <stdexcept>
#include <thread>

namespace locustpp::testing {

std::string wait_for_announcement(const child_process& process, const std::string& label,
                                  std::chrono::milliseconds limit) {
  auto deadline = std::chrono::steady_clock::now() + limit;
  while (std::chrono::steady_clock::now() < deadline) {
    std::string out = process.stdout_text();
    auto at = out.find(label);
    auto end = at == std::string::npos ? at : out.find('\n', at);
    if (end != std::string::npos) return out.substr(at + label.size(), end - at - label.size());
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  throw std::runtime_error("no '" + label + "' announcement: " + process.stderr_text());
}

int port_of(const std::string& url) {
  return std::stoi(url.substr(url.rfind(':') + 1));
}

}  // namespace locustpp::testing
