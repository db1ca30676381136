// Failure texts in the shape Locust users know: the root cause as Python's
// requests/urllib3/http.client raise it (Locust 2.4x reports the innermost
// exception), e.g. HTTPError('404 Client Error: Not Found for url: /x'),
// ConnectionRefusedError(111, 'Connection refused'),
// RemoteDisconnected('Remote end closed connection without response').
#pragma once

#include <boost/system/error_code.hpp>
#include <cstdint>
#include <string>
#include <string_view>

#include "http/response_parser.hpp"

namespace locustpp::http {

std::string http_status_error(int status, std::string_view name);
std::string transport_error_text(const boost::system::error_code& error, std::string_view host, std::uint16_t port);
// A response that could not be parsed (see parse_failure).
std::string protocol_error_text(const parse_failure& failure);

// Deadlines (seconds as given), by what was going on when they passed.
std::string connect_timeout_text(std::string_view host, double timeout_seconds);
std::string tls_handshake_timeout_text();
std::string read_timeout_text(bool tls, std::string_view host, std::uint16_t port, double timeout_seconds);

// A header a request may not carry (CR, LF or NUL, or a name that is not a token).
std::string invalid_header_text(std::string_view name);
std::string invalid_method_text(std::string_view method);

// Python's repr() of a str (quote choice and escapes), for error texts.
std::string python_repr(std::string_view text);

}  // namespace locustpp::http
