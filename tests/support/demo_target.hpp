// Test support: the project's demo target, started on a free loopback port
// for one test, and a blocking GET for reading its /__counters.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "child_process.hpp"

namespace locustpp::testing {

class demo_target {
 public:
  // extra: e.g. {"--tls-cert", c, "--tls-key", k}
  explicit demo_target(std::vector<std::string> extra = {});
  const std::string& url() const noexcept { return url_; }  // "http://127.0.0.1:PORT"
  int port() const noexcept { return port_; }

 private:
  std::unique_ptr<child_process> process_;
  std::string url_;
  int port_ = 0;
};

// How many requests for `path` the target answered (its /__counters).
std::uint64_t served_requests(const demo_target& target, const std::string& path);

// GET http://127.0.0.1:port/path; returns the body ("" on failure).
std::string http_get_body(int port, const std::string& path);
// GET url (http or https, certificates not checked) with Debian's curl,
// a client that is not ours; returns the body ("" on failure).
std::string curl_get_body(const std::string& url);

}  // namespace locustpp::testing
