// Test support: the misbehaving server (tests/fault_server), started on
// free loopback ports for one test, and the requests it saw per path.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <string>

#include "child_process.hpp"

namespace locustpp::testing {

class fault_server {
 public:
  fault_server();
  const std::string& url() const noexcept { return url_; }                           // http://127.0.0.1:PORT
  const std::string& stalling_tls_url() const noexcept { return tls_url_; }          // https://127.0.0.1:PORT
  const std::string& stalling_connect_url() const noexcept { return connect_url_; }  // connect() hangs
  // Requests the server read completely, by path.
  std::map<std::string, std::uint64_t> seen() const;

 private:
  std::unique_ptr<child_process> process_;
  std::string url_, tls_url_, connect_url_;
};

}  // namespace locustpp::testing
