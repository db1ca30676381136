// The web UI's requests and answers (web_message.hpp) to and from Beast's
// messages: how big a request may be, the web_request made of what Beast
// read, and the answer Beast writes. http_server's sessions use these, and
// so does fuzz/fuzz_web_request.cpp, which feeds bytes to the same parser
// without a socket. Only those two include this header: it brings Beast.
#pragma once

#include <boost/beast/http/message.hpp>
#include <boost/beast/http/parser.hpp>
#include <boost/beast/http/string_body.hpp>
#include <cstddef>
#include <cstdint>
#include <string>

#include "web/web_message.hpp"

namespace locustpp::web {

using beast_request = boost::beast::http::request<boost::beast::http::string_body>;
using beast_response = boost::beast::http::response<boost::beast::http::string_body>;
using beast_request_parser = boost::beast::http::request_parser<boost::beast::http::string_body>;

constexpr std::size_t max_body_bytes = 16u << 20;      // a form or a plugin's JSON, not an upload
constexpr std::uint32_t max_header_bytes = 64u << 10;  // the request line and header fields

// Sets the limits above on a parser about to read one request.
void limit_request_size(beast_request_parser& parser);

// The request Beast read from `peer`: method, path and raw query split at
// the first '?', every header field, the body.
web_request request_of(beast_request&& message, std::string peer);

// The answer as Beast writes it. What HTTP cannot carry (Beast throws for a
// status past 999 or a field past 64 KiB) becomes a 500, logged.
void write_answer(beast_response& response, web_response answered, bool keep_alive);

}  // namespace locustpp::web
