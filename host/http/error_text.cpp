// Locust/requests-style failure texts (see error_text.hpp).
#include "http/error_text.hpp"

#include <fmt/format.h>
#include <boost/asio/error.hpp>
#include <boost/asio/ssl/error.hpp>
#include <boost/beast/http/status.hpp>

namespace locustpp::http {
namespace {

// Python's repr of bytes or str contents, without the quotes.
std::string escaped(std::string_view text, char quote) {
  std::string out;
  for (char c : text) {
    auto byte = static_cast<unsigned char>(c);
    if (c == '\\' || c == quote) {
      out += '\\';
      out += c;
    } else if (c == '\r') {
      out += "\\r";
    } else if (c == '\n') {
      out += "\\n";
    } else if (c == '\t') {
      out += "\\t";
    } else if (byte < 0x20 || byte == 0x7f) {
      out += fmt::format("\\x{:02x}", byte);
    } else {
      out += c;
    }
  }
  return out;
}

std::string seconds_text(double seconds) {
  return fmt::format("{:g}", seconds);
}

}  // namespace

std::string python_repr(std::string_view text) {
  char quote = text.find('\'') != std::string_view::npos && text.find('"') == std::string_view::npos ? '"' : '\'';
  return quote + escaped(text, quote) + quote;
}

std::string http_status_error(int status, std::string_view name) {
  auto reason = boost::beast::http::obsolete_reason(static_cast<boost::beast::http::status>(status));
  const char* kind = status >= 500 ? "Server Error" : "Client Error";
  return fmt::format("HTTPError('{} {}: {} for url: {}')", status, kind, std::string_view(reason.data(), reason.size()),
                     name);
}

std::string transport_error_text(const boost::system::error_code& error, std::string_view host, std::uint16_t) {
  namespace errors = boost::asio::error;
  if (error == errors::connection_refused) {
    return fmt::format("ConnectionRefusedError({}, 'Connection refused')", error.value());
  }
  if (error == errors::connection_reset) {
    return fmt::format("ConnectionResetError({}, 'Connection reset by peer')", error.value());
  }
  if (error == errors::host_not_found || error == errors::host_not_found_try_again) {
    return fmt::format("NameResolutionError({})", python_repr(fmt::format("{}: {}", host, error.message())));
  }
  if (error == errors::broken_pipe) return fmt::format("BrokenPipeError({}, 'Broken pipe')", error.value());
  if (error.category() == boost::asio::error::get_ssl_category() ||
      error.category() == boost::asio::ssl::error::get_stream_category()) {
    return fmt::format("SSLError({})", python_repr(error.message()));
  }
  return fmt::format("ConnectionError({})", python_repr(error.message()));
}

std::string protocol_error_text(const parse_failure& failure) {
  using kind = parse_failure::kind;
  switch (failure.what) {
    case kind::nothing_received:
      return "RemoteDisconnected('Remote end closed connection without response')";
    case kind::bad_status_line:
      return fmt::format("BadStatusLine({})", python_repr(failure.line));
    case kind::unknown_protocol:
      return fmt::format("UnknownProtocol({})", python_repr(failure.line));
    case kind::line_too_long:
      return fmt::format("LineTooLong('got more than {} bytes when reading {}')", response_parser::max_line_bytes,
                         failure.line);
    case kind::bad_chunk:
      return fmt::format("InvalidChunkLength(got length b'{}', {} bytes read)", escaped(failure.line, '\''),
                         failure.body_bytes);
    case kind::cut_short:
      if (failure.body_remaining) {
        return fmt::format("IncompleteRead({} bytes read, {} more expected)", failure.body_bytes,
                           *failure.body_remaining);
      }
      return fmt::format("IncompleteRead({} bytes read)", failure.body_bytes);
    case kind::bad_header:
      return fmt::format("HTTPException({})", python_repr(failure.line));
    case kind::none:
      break;
  }
  return {};
}

std::string connect_timeout_text(std::string_view host, double timeout_seconds) {
  return fmt::format("ConnectTimeout('Connection to {} timed out. (connect timeout={})')", host,
                     seconds_text(timeout_seconds));
}

std::string tls_handshake_timeout_text() {
  return "SSLError('The handshake operation timed out')";
}

std::string read_timeout_text(bool tls, std::string_view host, std::uint16_t port, double timeout_seconds) {
  return fmt::format("ReadTimeout(\"{}ConnectionPool(host='{}', port={}): Read timed out. (read timeout={})\")",
                     tls ? "HTTPS" : "HTTP", host, port, seconds_text(timeout_seconds));
}

std::string invalid_header_text(std::string_view name) {
  return fmt::format("InvalidHeader({})",
                     python_repr(fmt::format("Invalid return character or leading space in header: {}", name)));
}

std::string invalid_method_text(std::string_view method) {
  return fmt::format("ValueError({})",
                     python_repr(fmt::format("method can't contain control characters. {}", python_repr(method))));
}

}  // namespace locustpp::http
