// Per-thread HTTP client context (see client_context.hpp).
#include "http/client_context.hpp"

#include <boost/asio/io_context.hpp>
#include <boost/asio/ssl/context.hpp>
#include <filesystem>
#include <stdexcept>

namespace locustpp::http {

client_context::client_context(boost::asio::io_context& io, client_settings settings)
    : io_(io), settings_(std::move(settings)) {
  if (!settings_.ca_file.empty() && !std::filesystem::is_regular_file(settings_.ca_file)) {
    throw std::runtime_error("cannot load CA file '" + settings_.ca_file + "': no such file");
  }
}

boost::asio::ssl::context& client_context::tls() {
  if (tls_) return *tls_;
  tls_ = std::make_unique<boost::asio::ssl::context>(boost::asio::ssl::context::tls_client);
  tls_->set_options(boost::asio::ssl::context::default_workarounds | boost::asio::ssl::context::no_sslv2 |
                    boost::asio::ssl::context::no_sslv3);
  if (settings_.verify_tls) {
    tls_->set_default_verify_paths();
    tls_->set_verify_mode(boost::asio::ssl::verify_peer);
  } else {
    tls_->set_verify_mode(boost::asio::ssl::verify_none);
  }
  if (!settings_.ca_file.empty()) {
    boost::system::error_code ec;
    tls_->load_verify_file(settings_.ca_file, ec);
    if (ec) throw std::runtime_error("cannot load CA file '" + settings_.ca_file + "': " + ec.message());
  }
  return *tls_;
}

const std::string* client_context::next_source_address(bool ipv6) {
  const std::vector<std::string>& sources = settings_.source_addresses;
  for (std::size_t tried = 0; tried < sources.size(); ++tried) {
    const std::string& source = sources[next_source_++ % sources.size()];
    if ((source.find(':') != std::string::npos) == ipv6) return &source;
  }
  return nullptr;
}

client_context::~client_context() = default;

}  // namespace locustpp::http
