// Locust/requests-style failure texts (see error_text.hpp).
#include "http/error_text.hpp"

#include <boost/asio/error.hpp>
#include <boost/asio/ssl/error.hpp>
#include <boost/beast/http/status.hpp>
#include <fmt/format.h>

namespace locustpp::http {

std::string http_status_error(int status, std::string_view name) {
  auto reason = boost::beast::http::obsolete_reason(static_cast<boost::beast::http::status>(status));
  const char* kind = status >= 500 ? "Server Error" : "Client Error";
  return fmt::format("HTTPError('{} {}: {} for url: {}')", status, kind, std::string_view(reason.data(), reason.size()),
                     name);
}

std::string transport_error_text(const boost::system::error_code& error, std::string_view host, std::uint16_t port) {
  namespace errors = boost::asio::error;
  if (error == errors::connection_refused) {
    return fmt::format("ConnectionRefusedError({}, 'Connection refused to {}:{}')", error.value(), host, port);
  }
  if (error == errors::connection_reset) {
    return fmt::format("ConnectionResetError({}, 'Connection reset by peer')", error.value());
  }
  if (error == errors::host_not_found || error == errors::host_not_found_try_again) {
    return fmt::format("NameResolutionError('{}: {}')", host, error.message());
  }
  if (error == errors::broken_pipe) return fmt::format("BrokenPipeError({}, 'Broken pipe')", error.value());
  if (error.category() == boost::asio::error::get_ssl_category() ||
      error.category() == boost::asio::ssl::error::get_stream_category()) {
    return fmt::format("SSLError('{}')", error.message());
  }
  return fmt::format("ConnectionError('{}')", error.message());
}

}  // namespace locustpp::http
