// A small HTTP/1.1 server for the web UI on the control thread's event
// loop: keep-alive, bounded request sizes, idle connections closed, HTTPS
// when given a certificate and key (the limits: beast_messages.hpp). Each
// complete request goes to one handler; the handler's answer is written
// back. Asio and Beast stay in the .cpp.
//
// Thread rules: constructed, used and destroyed on the control thread; the
// handler runs there too.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <string>

#include "web/web_message.hpp"

namespace boost::asio {
class io_context;
}

namespace locustpp::web {

class http_server {
 public:
  using handler = std::function<web_response(web_request&)>;

  // HTTPS with this certificate chain and key (PEM files); empty = plain HTTP.
  struct tls_files {
    std::string cert_file, key_file;
  };

  // Binds host:port and listens at once; throws std::runtime_error naming
  // the address and the OS reason, or the TLS file and its problem, when it cannot.
  http_server(boost::asio::io_context& io, const std::string& host, std::uint16_t port, handler handle,
              const tls_files& tls = {});
  ~http_server();
  http_server(const http_server&) = delete;
  http_server& operator=(const http_server&) = delete;

  std::uint16_t port() const noexcept;  // the bound port (port 0 asks for any free one)
  // Stops accepting and closes every connection (their pending work ends).
  void close();

  struct state;  // defined in the .cpp; connections share it

 private:
  std::shared_ptr<state> state_;
};

}  // namespace locustpp::web
