// Test support for distributed runs: the command lines of locustpp masters
// and workers on loopback, and a free port for them to meet on.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "demo_target.hpp"

namespace locustpp::testing {

// A TCP port nobody listens on now (the kernel's pick for a socket bound to port 0).
int free_port();

// A worker of `module` (a path to a .so) connecting to 127.0.0.1:master_port.
std::vector<std::string> worker_of(const std::string& module, int master_port);
// A worker of the test plugin `plugin` (tests/integration/plugins/<plugin>.cpp).
std::vector<std::string> worker_args(const std::string& plugin, int master_port);

// A headless locustpp master of `plugin` (the cluster test plugin unless
// said) bound to 127.0.0.1:port, with CSVs at dir/out, its users at once,
// testing `host` (or the demo target).
std::vector<std::string> master_args(int port, const std::string& host, const std::filesystem::path& dir, int users,
                                     const std::string& run_time, int workers, const std::string& plugin = "");
std::vector<std::string> master_args(int port, const demo_target& target, const std::filesystem::path& dir, int users,
                                     const std::string& run_time, int workers, const std::string& plugin = "");

}  // namespace locustpp::testing
