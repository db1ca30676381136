// Distributed runs on Locust's protocol, through real ZeroMQ sockets on
// loopback: locustpp workers under Debian's Python Locust master (2.12.1),
// and under a locustpp master. Every count is checked against what the demo
// target itself served.
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <filesystem>
#include <regex>

#include "child_process.hpp"
#include "demo_target.hpp"
#include "locustpp_run.hpp"
#include "output_text.hpp"
#include "test_paths.hpp"

namespace locustpp::testing {
namespace {

namespace fs = std::filesystem;
using namespace std::chrono_literals;

const std::string python_locust = "/usr/bin/locust";  // Debian's python3-locust, installed by make test

// A TCP port nobody listens on now (the kernel's pick for a socket bound to port 0).
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

std::string locustfile(const std::string& name) {
  return std::string(source_dir) + "/tests/integration/locust/" + name;
}

std::vector<std::string> worker_args(const std::string& plugin, int master_port) {
  return {std::string(bin_dir) + "/locustpp",
          "-f",
          test_plugin(plugin),
          "--worker",
          "--master-host",
          "127.0.0.1",
          "--master-port",
          std::to_string(master_port)};
}

std::uint64_t reader_requests_served(const demo_target& target) {
  return served_requests(target, "/") + served_requests(target, "/bytes/100");
}

// Lines of Locust's master log that mean the worker broke the protocol.
const std::regex protocol_trouble(
    "Traceback|Unhandled exception in greenlet|Uncaught exception in event handler|Unknown message type|pre 2\\.0|"
    "failed to send heartbeat|report waittime is expired|Gave up waiting");

TEST(ClusterPythonMaster, ALocustppWorkerRunsWhatThePythonMasterDispatches) {
  demo_target target;
  fs::path dir = make_temp_dir("cluster-python-master");
  int port = free_port();
  child_process master({python_locust,
                        "-f",
                        locustfile("cluster_locustfile.py"),
                        "--master",
                        "--headless",
                        "-u",
                        "5",
                        "-r",
                        "5",
                        "-t",
                        "6s",
                        "--expect-workers",
                        "1",
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
                        target.url()},
                       {}, dir);
  child_process worker(worker_args("cluster", port));
  std::optional<int> master_code = master.wait(60s);
  std::optional<int> worker_code = worker.wait(15s);
  std::string log = master.stderr_text();

  EXPECT_EQ(master_code, 0) << log;
  EXPECT_EQ(worker_code, 0) << worker.stderr_text();
  EXPECT_NE(log.find("reported as ready. 1 workers connected."), std::string::npos) << log;
  EXPECT_NE(log.find(R"(All users spawned: {"Reader": 5} (5 total users))"), std::string::npos) << log;
  EXPECT_FALSE(std::regex_search(log, protocol_trouble)) << log;
  // The master's CSV counts what the worker reported; the target counts what it served.
  std::uint64_t reported = csv_aggregated_requests((dir / "out").string());
  std::uint64_t served = reader_requests_served(target);
  EXPECT_GT(reported, 100u);
  EXPECT_LE(reported, served);
  EXPECT_LE(served - reported, 5u) << "at most the users' requests in flight at the stop go unreported";
}

TEST(ClusterPythonMaster, AWorkerWithoutTheClassRefusesTheSpawnAndSaysWhy) {
  demo_target target;
  fs::path dir = make_temp_dir("cluster-unknown-class");
  int port = free_port();
  child_process master({python_locust,
                        "-f",
                        locustfile("cluster_locustfile.py"),
                        "--master",
                        "--headless",
                        "-u",
                        "2",
                        "-r",
                        "2",
                        "-t",
                        "4s",
                        "--expect-workers",
                        "1",
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
                        target.url()},
                       {}, dir);
  child_process worker(worker_args("compat", port));  // Shopper and Admin, no Reader
  std::optional<int> master_code = master.wait(60s);
  worker.wait(15s);
  std::string refusal = "has no user class Reader (its classes: Shopper, Admin)";
  EXPECT_NE(worker.stderr_text().find(refusal), std::string::npos) << worker.stderr_text();
  // The master hears it as an error of the worker: in its exceptions, and in its exit code.
  EXPECT_NE(read_file(dir / "out_exceptions.csv").find(refusal), std::string::npos) << master.stderr_text();
  EXPECT_EQ(master_code, 1);
  EXPECT_EQ(reader_requests_served(target), 0u);
}

}  // namespace
}  // namespace locustpp::testing
