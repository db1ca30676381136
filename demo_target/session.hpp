// One client connection: reads HTTP/1.x requests, asks the routes for a
// Response and writes it (with delays, streamed bodies, close/drop as told).
// The only file that includes Beast; this header keeps it out of everyone else.
#pragma once

#include <boost/asio/ip/tcp.hpp>

namespace boost::asio::ssl {
class context;
}

namespace demo_target {

struct ServerState;

// Both take ownership of an accepted socket; the session keeps itself alive
// until the connection ends. Call from any thread: the session runs on the
// socket's executor.
void start_plain_session(boost::asio::ip::tcp::socket socket, ServerState& state);
void start_tls_session(boost::asio::ip::tcp::socket socket, boost::asio::ssl::context& tls, ServerState& state);

}  // namespace demo_target
