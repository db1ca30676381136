// Serialises one HTTP/1.1 request into a reusable buffer: request line,
// default headers (those the caller did not set), auth, cookies, body.
#pragma once

#include <string>
#include <string_view>

#include "http/cookie_jar.hpp"
#include "http/outgoing_request.hpp"
#include "http/url.hpp"

namespace locustpp::http {

// Writes `request` to `where` into `out` (cleared first).
void write_request(std::string& out, const outgoing_request& request, const url& where, const cookie_jar& cookies);

std::string base64_encode(std::string_view bytes);

}  // namespace locustpp::http
