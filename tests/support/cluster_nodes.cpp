// Command lines of masters and workers (see cluster_nodes.hpp).
#include "cluster_nodes.hpp"

#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include "locustpp_run.hpp"
#include "test_paths.hpp"

namespace locustpp::testing {

int free_port() {
  int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  socklen_t size = sizeof address;
  ::bind(fd, reinterpret_cast<sockaddr*>(&address), size);
  ::getsockname(fd, reinterpret_cast<sockaddr*>(&address), &size);
  ::close(fd);
  return ntohs(address.sin_port);
}

std::vector<std::string> worker_of(const std::string& module, int master_port) {
  return {std::string(bin_dir) + "/locustpp", "-f", module, "--worker", "--master-host", "127.0.0.1", "--master-port",
          std::to_string(master_port)};
}

std::vector<std::string> worker_args(const std::string& plugin, int master_port) {
  return worker_of(test_plugin(plugin), master_port);
}

std::vector<std::string> master_args(int port, const demo_target& target, const std::filesystem::path& dir, int users,
                                     const std::string& run_time, int workers, const std::string& plugin) {
  return master_args(port, target.url(), dir, users, run_time, workers, plugin);
}

std::vector<std::string> master_args(int port, const std::string& host, const std::filesystem::path& dir, int users,
                                     const std::string& run_time, int workers, const std::string& plugin) {
  return {std::string(bin_dir) + "/locustpp",
          "-f",
          plugin.empty() ? test_plugin("cluster") : plugin,
          "--master",
          "--headless",
          "-u",
          std::to_string(users),
          "-r",
          std::to_string(users),
          "-t",
          run_time,
          "--expect-workers",
          std::to_string(workers),
          "--expect-workers-max-wait",
          "30",
          "--master-bind-host",
          "127.0.0.1",
          "--master-bind-port",
          std::to_string(port),
          "--csv",
          (dir / "out").string(),
          "--only-summary",
          "-H",
          host};
}

}  // namespace locustpp::testing
