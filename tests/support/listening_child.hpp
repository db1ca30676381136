// Test support: a server started as a child process on free loopback ports,
// which prints "<label> <url>" lines once it listens (demo target, fault
// server). Waits for those lines instead of sleeping.
#pragma once

#include <chrono>
#include <string>

#include "child_process.hpp"

namespace locustpp::testing {

// Waits until `process` has printed a line starting with `label` and returns
// the rest of it; throws if it does not appear within `limit`.
std::string wait_for_announcement(const child_process& process, const std::string& label,
                                  std::chrono::milliseconds limit = std::chrono::seconds(10));

// The port of "http://127.0.0.1:PORT".
int port_of(const std::string& url);

}  // namespace locustpp::testing
