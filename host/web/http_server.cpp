// The web UI's HTTP server (see http_server.hpp): Beast on the control
// thread's io_context, one session object per connection, TLS when asked.
#include "web/http_server.hpp"

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include <algorithm>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ssl/context.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/beast/http/write.hpp>
#include <boost/beast/ssl/ssl_stream.hpp>
#include <chrono>
#include <list>
#include <optional>
#include <stdexcept>
#include <type_traits>

#include "web/accept_pause.hpp"
#include "web/beast_messages.hpp"
#include "runtime/log_throttle.hpp"

namespace locustpp::web {
namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace bhttp = boost::beast::http;
using tcp = asio::ip::tcp;
using error_code = boost::system::error_code;

// A connection with no complete request for this long is closed. Long
// enough for a browser's keep-alive, short enough that idle sockets go.
constexpr std::chrono::seconds idle_timeout{120};
// Failed accepts (see accept_pause.hpp) are logged once per this long.
constexpr std::chrono::seconds accept_log_interval{10};

}  // namespace

// What the server closes at the end: a connection of either kind.
struct connection {
  virtual ~connection() = default;
  virtual void shut() = 0;
};

struct http_server::state : std::enable_shared_from_this<http_server::state> {
  state(asio::io_context& io, handler handle)
      : acceptor(io), accept_pause_timer(io), handle(std::move(handle)), accept_log(accept_log_interval) {}
  tcp::acceptor acceptor;
  asio::steady_timer accept_pause_timer;  // the wait before accepting again after a failure
  handler handle;
  std::unique_ptr<asio::ssl::context> tls;  // set: every connection is HTTPS
  std::list<std::weak_ptr<connection>> sessions;
  bool closed = false;
  std::chrono::milliseconds next_accept_pause{0};  // 0: the last accept worked
  std::uint64_t accept_failures = 0;               // since the last accept that worked
  runtime::log_throttle accept_log;

  void accept();
  void accepted(tcp::socket socket);
  void accept_failed(const error_code& ec);
};

namespace {

tcp::socket& socket_of(beast::tcp_stream& stream) {
  return stream.socket();
}
tcp::socket& socket_of(beast::ssl_stream<beast::tcp_stream>& stream) {
  return stream.next_layer().socket();
}

// One connection: plain (beast::tcp_stream) or TLS (beast::ssl_stream).
template <class Stream>
struct session final : connection, std::enable_shared_from_this<session<Stream>> {
  template <class... TlsContext>
  session(tcp::socket socket, std::shared_ptr<http_server::state> server, TlsContext&... tls)
      : stream(std::move(socket), tls...), server(std::move(server)), pause(stream.get_executor()) {
    error_code ignored;
    peer = socket_of(stream).remote_endpoint(ignored).address().to_string();
  }

  Stream stream;
  std::shared_ptr<http_server::state> server;
  beast::flat_buffer buffer;
  std::optional<beast_request_parser> parser;
  beast_response response;
  std::string peer;
  asio::steady_timer pause;  // holds an answer the handler delayed (web_response::delay)

  void start() {
    if constexpr (std::is_same_v<Stream, beast::tcp_stream>) {
      read();
    } else {
      beast::get_lowest_layer(stream).expires_after(idle_timeout);
      stream.async_handshake(asio::ssl::stream_base::server, [self = this->shared_from_this()](error_code ec) {
        if (ec) return self->shut();  // not TLS, or a certificate the client refused
        self->read();
      });
    }
  }

  void read() {
    parser.emplace();
    limit_request_size(*parser);
    beast::get_lowest_layer(stream).expires_after(idle_timeout);
    bhttp::async_read(stream, buffer, *parser,
                      [self = this->shared_from_this()](error_code ec, std::size_t) { self->on_read(ec); });
  }

  void on_read(error_code ec) {
    if (ec == bhttp::error::body_limit || ec == bhttp::error::header_limit) {
      return answer(web_response::text("request too large\n", 413), false);
    }
    if (ec) return shut();
    if (server->closed) return shut();
    beast_request message = parser->release();
    const bool keep_alive = message.keep_alive();
    web_request request = request_of(std::move(message), peer);
    web_response answered;
    try {
      answered = server->handle(request);
    } catch (const std::exception& error) {
      spdlog::error("web UI: {} {} failed: {}", request.method, request.path, error.what());
      answered = web_response::text("internal error\n", 500);
    }
    if (answered.delay.count() > 0) {
      // On a timer: the control thread serves other connections meanwhile.
      pause.expires_after(answered.delay);
      pause.async_wait(
          [self = this->shared_from_this(), answered = std::move(answered), keep_alive](error_code waited) mutable {
            if (waited || self->server->closed) return self->shut();
            self->answer(std::move(answered), keep_alive);
          });
      return;
    }
    answer(std::move(answered), keep_alive);
  }

  void answer(web_response answered, bool keep_alive) {
    write_answer(response, std::move(answered), keep_alive);
    beast::get_lowest_layer(stream).expires_after(idle_timeout);
    bhttp::async_write(stream, response, [self = this->shared_from_this()](error_code ec, std::size_t) {
      if (ec || !self->response.keep_alive() || self->server->closed) return self->shut();
      self->read();
    });
  }

  void shut() override {
    pause.cancel();
    error_code ignored;
    socket_of(stream).shutdown(tcp::socket::shutdown_both, ignored);
    beast::get_lowest_layer(stream).close();
  }
};

}  // namespace

void http_server::state::accept() {
  acceptor.async_accept([self = this->shared_from_this()](error_code ec, tcp::socket socket) {
    if (self->closed) return;
    if (!ec) {
      self->accepted(std::move(socket));
    } else if (ec == asio::error::connection_aborted || ec == asio::error::operation_aborted) {
      self->accept();  // that one client's doing (it left before we took it): on to the next
    } else {
      self->accept_failed(ec);
    }
  });
}

void http_server::state::accepted(tcp::socket socket) {
  if (accept_failures > 0) {
    spdlog::info("web UI: accepting connections again, after {} failed attempts", accept_failures);
    accept_failures = 0;
  }
  next_accept_pause = std::chrono::milliseconds{0};
  sessions.remove_if([](const std::weak_ptr<connection>& s) { return s.expired(); });
  if (tls) {
    auto made =
        std::make_shared<session<beast::ssl_stream<beast::tcp_stream>>>(std::move(socket), shared_from_this(), *tls);
    sessions.push_back(made);
    made->start();
  } else {
    auto made = std::make_shared<session<beast::tcp_stream>>(std::move(socket), shared_from_this());
    sessions.push_back(made);
    made->start();
  }
  accept();
}

void http_server::state::accept_failed(const error_code& ec) {
  ++accept_failures;
  next_accept_pause = accept_pause::after_failure(next_accept_pause);
  if (accept_log.admit(std::chrono::steady_clock::now())) {
    const bool out_of_descriptors =
        ec == asio::error::no_descriptors || ec == boost::system::errc::too_many_files_open_in_system;
    const char* hint =
        out_of_descriptors
            ? " (out of file descriptors: raise the limit with ulimit -n, or run fewer users per process)"
            : "";
    if (accept_failures == 1) {
      spdlog::warn("web UI: cannot accept connections: {}{}; trying again after a pause growing to {} ms", ec.message(),
                   hint, accept_pause::longest.count());
    } else {
      spdlog::warn("web UI: still cannot accept connections: {}{} ({} failed attempts so far)", ec.message(), hint,
                   accept_failures);
    }
  }
  accept_pause_timer.expires_after(next_accept_pause);
  accept_pause_timer.async_wait([self = this->shared_from_this()](error_code waited) {
    if (waited || self->closed) return;
    self->accept();
  });
}

http_server::http_server(asio::io_context& io, const std::string& host, std::uint16_t port, handler handle,
                         const tls_files& tls)
    : state_(std::make_shared<state>(io, std::move(handle))) {
  if (!tls.cert_file.empty()) {
    state_->tls = std::make_unique<asio::ssl::context>(asio::ssl::context::tls_server);
    state_->tls->set_options(asio::ssl::context::default_workarounds | asio::ssl::context::no_sslv2 |
                             asio::ssl::context::no_sslv3 | asio::ssl::context::no_tlsv1 |
                             asio::ssl::context::no_tlsv1_1);
    error_code ec;
    state_->tls->use_certificate_chain_file(tls.cert_file, ec);
    if (ec) throw std::runtime_error(fmt::format("--tls-cert {}: {}", tls.cert_file, ec.message()));
    state_->tls->use_private_key_file(tls.key_file, asio::ssl::context::pem, ec);
    if (ec) throw std::runtime_error(fmt::format("--tls-key {}: {}", tls.key_file, ec.message()));
  }
  error_code ec;
  std::string bind_host = host.empty() ? "0.0.0.0" : host;
  asio::ip::address address = asio::ip::make_address(bind_host, ec);
  if (ec) throw std::runtime_error(fmt::format("--web-host {}: not an IP address ({})", host, ec.message()));
  tcp::endpoint endpoint(address, port);
  tcp::acceptor& acceptor = state_->acceptor;
  acceptor.open(endpoint.protocol(), ec);
  if (!ec) acceptor.set_option(tcp::acceptor::reuse_address(true), ec);
  if (!ec) acceptor.bind(endpoint, ec);
  if (!ec) acceptor.listen(asio::socket_base::max_listen_connections, ec);
  if (ec) {
    throw std::runtime_error(fmt::format("cannot serve the web UI on {}:{}: {} (another program on that port? try -P)",
                                         bind_host, port, ec.message()));
  }
  state_->accept();
}

http_server::~http_server() {
  close();
}

std::uint16_t http_server::port() const noexcept {
  error_code ignored;
  return state_->acceptor.local_endpoint(ignored).port();
}

void http_server::close() {
  if (state_->closed) return;
  state_->closed = true;
  error_code ignored;
  state_->accept_pause_timer.cancel();
  state_->acceptor.close(ignored);
  for (auto& weak : state_->sessions) {
    if (auto open = weak.lock()) open->shut();
  }
  state_->sessions.clear();
}

}  // namespace locustpp::web
