// What all HTTP sessions of one worker thread share: the thread's
// io_context, its TLS context and the client settings. Asio stays out of
// this header (forward declarations only).
#pragma once

#include <cstddef>
#include <memory>
#include <string>
#include <vector>

namespace boost::asio {
class io_context;
namespace ssl {
class context;
}
}  // namespace boost::asio

namespace locustpp::http {

struct client_settings {
  double connect_timeout = 60;   // seconds, TCP connect + TLS handshake
  double network_timeout = 60;   // seconds, whole exchange (default per request)
  int max_redirects = 30;
  bool verify_tls = true;        // check server certificates and host names
  std::string ca_file;           // extra trusted CAs (PEM); empty = system store only
  // Local addresses (canonical text) that connections are bound to in turn,
  // starting at the first_source-th; empty = the kernel picks.
  std::vector<std::string> source_addresses;
  std::size_t first_source = 0;
};

class client_context {
 public:
  // Throws std::runtime_error naming the file when ca_file cannot be read
  // (checked up front, so a wrong path fails the run before it starts).
  client_context(boost::asio::io_context& io, client_settings settings);
  ~client_context();
  client_context(const client_context&) = delete;
  client_context& operator=(const client_context&) = delete;

  boost::asio::io_context& io() const noexcept { return io_; }
  // Built on first use: loading the system trust store costs ~25 ms, which
  // plain-HTTP runs need not pay. Throws like the constructor.
  boost::asio::ssl::context& tls();
  const client_settings& settings() const noexcept { return settings_; }
  // The next source address of that family for a new connection (round
  // robin), or null when --source-addresses has none of that family.
  const std::string* next_source_address(bool ipv6);

 private:
  boost::asio::io_context& io_;
  client_settings settings_;
  std::unique_ptr<boost::asio::ssl::context> tls_;
  std::size_t next_source_ = settings_.first_source;
};

}  // namespace locustpp::http
