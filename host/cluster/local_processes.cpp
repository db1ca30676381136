// Forking and reaping the local workers of --processes (see local_processes.hpp).
#include "cluster/local_processes.hpp"

#include <netinet/in.h>
#include <signal.h>
#include <spdlog/spdlog.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <csignal>
#include <cstdio>
#include <stdexcept>
#include <thread>

namespace locustpp::cluster {
namespace {

// Waits up to `limit` for the children; the exit codes of those that ended go into `highest`.
void reap(std::vector<pid_t>& children, std::chrono::milliseconds limit, int& highest) {
  auto deadline = std::chrono::steady_clock::now() + limit;
  while (!children.empty()) {
    for (auto it = children.begin(); it != children.end();) {
      int status = 0;
      pid_t done = ::waitpid(*it, &status, WNOHANG);
      if (done == 0) {
        ++it;
        continue;
      }
      int code = done < 0 ? 1 : WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
      highest = std::max(highest, code);
      it = children.erase(it);
    }
    if (children.empty() || std::chrono::steady_clock::now() >= deadline) return;
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
}

// A port nothing listens on now: the children must know the master's port
// before it binds, so --master-bind-port 0 becomes a concrete free port.
int free_loopback_port() {
  int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  socklen_t size = sizeof address;
  int port = 0;
  if (fd >= 0 && ::bind(fd, reinterpret_cast<sockaddr*>(&address), size) == 0 &&
      ::getsockname(fd, reinterpret_cast<sockaddr*>(&address), &size) == 0) {
    port = ntohs(address.sin_port);
  }
  if (fd >= 0) ::close(fd);
  if (port == 0) throw std::runtime_error("--processes: no free port for the master");
  return port;
}

volatile std::sig_atomic_t signals_received = 0;
void count_signal(int) {
  signals_received = signals_received + 1;
}

}  // namespace

local_processes local_processes::fork_workers(cli::run_options& options) {
  local_processes made;
  long count = options.processes == -1 ? static_cast<long>(std::thread::hardware_concurrency()) : options.processes;
  if (count <= 0) return made;
  if (!options.worker && options.master_bind_port == 0) options.master_bind_port = free_loopback_port();
  std::fflush(nullptr);  // nothing buffered is written twice
  for (long i = 0; i < count; ++i) {
    pid_t child = ::fork();
    if (child < 0) throw std::runtime_error("--processes: fork failed");
    if (child == 0) {
      bool parent_is_worker = options.worker;
      options.worker = true;
      options.master = false;
      if (!parent_is_worker) {
        options.master_host = "127.0.0.1";
        options.master_port = options.master_bind_port;
      }
      // Locust's children: the master runs the test and writes the results.
      options.run_time.reset();
      options.autostart = false;
      options.csv_prefix.reset();
      options.csv_full_history = false;
      options.html_file.reset();
      options.json = false;
      options.json_file.reset();
      options.print_stats = false;
      options.processes = 0;
      local_processes child_side;
      child_side.forked_ = true;
      return child_side;
    }
    made.children_.push_back(child);
  }
  made.forked_ = made.parent_ = true;
  if (!options.worker) {
    options.master = true;
    options.expect_workers = static_cast<int>(count);
  }
  spdlog::info("Started {} worker processes", count);
  return made;
}

int local_processes::wait_for_workers() {
  struct sigaction action {};
  action.sa_handler = &count_signal;
  sigemptyset(&action.sa_mask);
  ::sigaction(SIGINT, &action, nullptr);
  ::sigaction(SIGTERM, &action, nullptr);
  int highest = 0;
  int passed_on = 0;
  while (!children_.empty()) {
    reap(children_, std::chrono::milliseconds(100), highest);
    int received = signals_received;
    if (received > passed_on) {
      passed_on = received;
      spdlog::info("Passing the signal on to {} worker processes", children_.size());
      for (pid_t child : children_) ::kill(child, received == 1 ? SIGINT : SIGKILL);
    }
  }
  return highest;
}

int local_processes::wait_for_children(int own_code) {
  int highest = own_code;
  reap(children_, std::chrono::seconds(3), highest);
  if (!children_.empty()) {
    for (pid_t child : children_) ::kill(child, SIGINT);
    reap(children_, std::chrono::seconds(5), highest);
  }
  if (!children_.empty()) {
    for (pid_t child : children_) ::kill(child, SIGKILL);
    reap(children_, std::chrono::seconds(5), highest);
  }
  return highest;
}

}  // namespace locustpp::cluster
