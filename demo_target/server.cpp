// Listener and thread pool of the demo target (see server.hpp).
//
// One single-threaded io_context per thread: the acceptor deals connections
// out round-robin, and each connection then stays on its context. Sessions
// therefore never share a thread and need neither strands nor locks (apart
// from the counters, which are shared on purpose).
#include "server.hpp"

#include <sys/resource.h>

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/asio/ssl/context.hpp>
#include <boost/asio/steady_timer.hpp>
#include <csignal>
#include <fstream>
#include <iostream>
#include <optional>
#include <stdexcept>
#include <thread>
#include <vector>

#include "routes.hpp"
#include "session.hpp"

namespace demo_target {
namespace {

namespace asio = boost::asio;
using asio::ip::tcp;

// Thousands of concurrent connections need thousands of descriptors; the
// default soft limit (often 1024) is raised to the hard limit.
void raise_descriptor_limit() {
  rlimit limit{};
  if (getrlimit(RLIMIT_NOFILE, &limit) == 0 && limit.rlim_cur < limit.rlim_max) {
    limit.rlim_cur = limit.rlim_max;
    setrlimit(RLIMIT_NOFILE, &limit);
  }
}

// OpenSSL's own message for a missing file is often just "asio.ssl error".
void require_readable(const std::string& path, const char* what) {
  if (!std::ifstream(path)) throw std::runtime_error(std::string("cannot read TLS ") + what + " file " + path);
}

asio::ssl::context make_tls_context(const Options& options) {
  require_readable(options.tls_cert_file, "certificate");
  require_readable(options.tls_key_file, "key");
  asio::ssl::context tls(asio::ssl::context::tls_server);
  tls.set_options(asio::ssl::context::default_workarounds | asio::ssl::context::no_sslv2 |
                  asio::ssl::context::no_sslv3 | asio::ssl::context::no_tlsv1 | asio::ssl::context::no_tlsv1_1);
  boost::system::error_code ec;
  tls.use_certificate_chain_file(options.tls_cert_file, ec);
  if (ec) throw std::runtime_error("cannot load TLS certificate " + options.tls_cert_file + ": " + ec.message());
  tls.use_private_key_file(options.tls_key_file, asio::ssl::context::pem, ec);
  if (ec) throw std::runtime_error("cannot load TLS key " + options.tls_key_file + ": " + ec.message());
  return tls;
}

}  // namespace

struct Server::Impl {
  explicit Impl(const Options& opts) : options(opts) {
    for (unsigned i = 0; i < options.threads; ++i) contexts.push_back(std::make_unique<asio::io_context>(1));
    if (options.tls()) tls.emplace(make_tls_context(options));
    acceptor.emplace(*contexts.front());
    retry_timer.emplace(*contexts.front());
    signals.emplace(*contexts.front(), SIGINT, SIGTERM);
    listen();
  }

  void listen() {
    boost::system::error_code ec;
    const auto address = asio::ip::make_address(options.bind_address, ec);
    if (ec) throw std::runtime_error("invalid --bind address '" + options.bind_address + "'");
    const tcp::endpoint endpoint(address, options.port);
    const std::string where = options.bind_address + ":" + std::to_string(options.port);
    acceptor->open(endpoint.protocol(), ec);
    if (!ec) acceptor->set_option(tcp::acceptor::reuse_address(true), ec);
    if (!ec) acceptor->bind(endpoint, ec);
    if (!ec) acceptor->listen(asio::socket_base::max_listen_connections, ec);
    if (ec) throw std::runtime_error("cannot listen on " + where + ": " + ec.message());
  }

  void accept_next() {
    asio::io_context& target = *contexts[next_context];
    next_context = (next_context + 1) % contexts.size();
    acceptor->async_accept(target, [this](boost::system::error_code ec, tcp::socket socket) {
      if (ec == asio::error::operation_aborted) return;  // shutting down
      if (ec) {
        // Typically out of descriptors: back off briefly instead of spinning.
        if (!options.quiet) std::cerr << "locustpp-demo-target: accept failed: " << ec.message() << "\n";
        retry_timer->expires_after(std::chrono::milliseconds(100));
        retry_timer->async_wait([this](boost::system::error_code wait_ec) {
          if (!wait_ec) accept_next();
        });
        return;
      }
      boost::system::error_code ignored;
      socket.set_option(tcp::no_delay(true), ignored);  // headers and bodies go out at once
      if (tls) {
        start_tls_session(std::move(socket), *tls, state);
      } else {
        start_plain_session(std::move(socket), state);
      }
      accept_next();
    });
  }

  void stop() {
    boost::system::error_code ignored;
    acceptor->close(ignored);
    retry_timer->cancel();
    for (auto& context : contexts) context->stop();
  }

  Options options;
  // Declared before the contexts: sessions still queued in a context refer
  // to the state and are destroyed together with their context.
  ServerState state;
  std::vector<std::unique_ptr<asio::io_context>> contexts;
  std::optional<asio::ssl::context> tls;
  std::optional<tcp::acceptor> acceptor;
  std::optional<asio::steady_timer> retry_timer;
  std::optional<asio::signal_set> signals;
  std::size_t next_context = 0;
};

Server::Server(const Options& options) {
  raise_descriptor_limit();
  impl_ = std::make_unique<Impl>(options);
}

Server::~Server() = default;

std::string Server::url() const {
  const tcp::endpoint endpoint = impl_->acceptor->local_endpoint();
  const bool v6 = endpoint.address().is_v6();
  std::string url = impl_->tls ? "https://" : "http://";
  url.append(v6 ? "[" : "").append(endpoint.address().to_string()).append(v6 ? "]" : "");
  url.append(":").append(std::to_string(endpoint.port()));
  return url;
}

void Server::run() {
  Impl& impl = *impl_;
  // Writes to a vanished peer must fail with EPIPE, not kill the process.
  std::signal(SIGPIPE, SIG_IGN);
  impl.signals->async_wait([&impl](boost::system::error_code ec, int signal_number) {
    if (ec) return;
    if (!impl.options.quiet) std::cerr << "locustpp-demo-target: signal " << signal_number << ", stopping\n";
    impl.stop();
  });
  impl.accept_next();

  // Contexts other than the first have no work until connections arrive.
  std::vector<asio::executor_work_guard<asio::io_context::executor_type>> keep_running;
  std::vector<std::thread> threads;
  for (std::size_t i = 1; i < impl.contexts.size(); ++i) {
    keep_running.push_back(asio::make_work_guard(*impl.contexts[i]));
    threads.emplace_back([context = impl.contexts[i].get()] { context->run(); });
  }
  impl.contexts.front()->run();
  impl.stop();  // in case the first context ran out of work on its own
  for (std::thread& thread : threads) thread.join();
}

}  // namespace demo_target
