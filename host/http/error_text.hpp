// Failure texts in the shape Locust users know from requests, so that error
// reports read the same: HTTPError('404 Client Error: Not Found for url: /x'),
// ConnectionRefusedError(111, 'Connection refused'), ...
#pragma once

#include <boost/system/error_code.hpp>
#include <cstdint>
#include <string>
#include <string_view>

namespace locustpp::http {

std::string http_status_error(int status, std::string_view name);
std::string transport_error_text(const boost::system::error_code& error, std::string_view host, std::uint16_t port);

}  // namespace locustpp::http
