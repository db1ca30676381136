// The demo target's HTTP routes as pure functions from Request to Response:
// no sockets involved, so they can be unit-tested directly. The session
// (session.cpp) only moves bytes and honours the Response's instructions.
#pragma once

#include <atomic>
#include <cstdint>
#include <string_view>

#include "counters.hpp"
#include "http_types.hpp"

namespace demo_target {

// Everything the routes share across connections and threads.
struct ServerState {
  Counters counters;
  std::atomic<std::uint64_t> next_login_id{1};
  // k in the /flaky formula; reset by /__counters/reset so runs are repeatable.
  std::atomic<std::uint64_t> flaky_sequence{0};
  // k for /cached: every fourth answer is a cache MISS; reset with the counters.
  std::atomic<std::uint64_t> cache_sequence{0};
};

Response handle_request(const Request& request, ServerState& state);

// Every route, one per line ("  /path ... what it answers"), for --help and
// the README's section on the demo target (a test keeps the two the same).
std::string_view route_list();

// For requests the HTTP parser rejected (status 400, or 413 for huge bodies):
// a short text body, and the connection closes afterwards.
Response malformed_request_response(int status, std::string_view reason);

}  // namespace demo_target
