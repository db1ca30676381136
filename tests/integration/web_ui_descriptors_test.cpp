// Out of file descriptors, the web UI waits before accepting again (50 ms
// doubling to 1 s) and logs once per interval, instead of retrying at once
// (a core spinning, millions of log lines); once descriptors come back it
// serves again. The server runs under a low RLIMIT_NOFILE (prlimit) and the
// test holds more connections open than it may have descriptors.
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <chrono>
#include <cstdint>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "child_process.hpp"
#include "demo_target.hpp"
#include "http_exchange.hpp"
#include "locustpp_run.hpp"
#include "web_run.hpp"

namespace {

using namespace locustpp::testing;
using namespace std::chrono_literals;

// User plus system CPU time of process `pid`, in clock ticks (/proc/PID/stat).
std::uint64_t cpu_ticks(pid_t pid) {
  std::string stat = read_file("/proc/" + std::to_string(pid) + "/stat");
  std::istringstream fields(stat.substr(stat.rfind(')') + 2));
  std::string field;
  std::uint64_t utime = 0, stime = 0;
  for (int index = 3; fields >> field; ++index) {  // field 3 is the state, after "pid (comm)"
    if (index == 14) utime = std::stoull(field);
    if (index == 15) {
      stime = std::stoull(field);
      break;
    }
  }
  return utime + stime;
}

std::size_t lines_with(const std::string& text, const std::string& part) {
  std::size_t count = 0;
  for (std::size_t at = text.find(part); at != std::string::npos; at = text.find(part, at + 1)) ++count;
  return count;
}

int connect_to(int port) {
  int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_port = htons(static_cast<std::uint16_t>(port));
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (::connect(fd, reinterpret_cast<sockaddr*>(&address), sizeof(address)) != 0) {
    ::close(fd);
    return -1;
  }
  return fd;
}

TEST(WebUiDescriptors, OutOfDescriptorsTheServerWaitsLogsOnceAndServesAgainAfterwards) {
  demo_target target;
  web_run web(test_plugin("web_routes"), target.url(), {"--threads", "1"}, {"/usr/bin/prlimit", "--nofile=32:32"});
  ASSERT_EQ(http_exchange(web.port(), "GET", "/stats/requests").status, 200);

  std::vector<int> held;
  for (int i = 0; i < 64; ++i) {
    int fd = connect_to(web.port());  // queued by the kernel even when the server cannot take it
    if (fd >= 0) held.push_back(fd);
  }
  ASSERT_EQ(held.size(), 64u);
  ASSERT_TRUE(web.process().wait_for_stderr("web UI: cannot accept connections: Too many open files", 10s))
      << web.process().stderr_text();

  // Two seconds out of descriptors: measured, so a sleep (nothing to wait for).
  const std::uint64_t ticks_before = cpu_ticks(web.process().pid());
  std::this_thread::sleep_for(2s);
  const std::uint64_t ticks_used = cpu_ticks(web.process().pid()) - ticks_before;
  const std::string err = web.process().stderr_text();
  EXPECT_LE(lines_with(err, "Too many open files"), 2u) << "one line per 10 s, not one per failure";
  EXPECT_NE(err.find("out of file descriptors: raise the limit with ulimit -n"), std::string::npos) << err;
  EXPECT_LT(ticks_used, static_cast<std::uint64_t>(::sysconf(_SC_CLK_TCK)) / 5)
      << "under 0.2 s of CPU in 2 s: no core spinning on accept";

  for (int fd : held) ::close(fd);
  EXPECT_TRUE(eventually([&] { return http_exchange(web.port(), "GET", "/stats/requests").status == 200; }))
      << "serving again once the connections are gone";
  EXPECT_TRUE(web.process().wait_for_stderr("web UI: accepting connections again, after", 5s));
}

}  // namespace
