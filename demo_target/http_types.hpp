// Plain request/response values exchanged between the socket layer
// (session.cpp) and the route handlers (routes*.cpp). Keeping them free of
// Beast lets the handlers compile fast and be unit-tested without sockets.
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace demo_target {

struct HeaderView {
  std::string_view name;
  std::string_view value;
};

// Views into the parsed request; valid only while the handler runs.
struct Request {
  std::string_view method;
  std::string_view target;  // path plus optional "?query", exactly as sent
  unsigned version = 11;    // 10 for HTTP/1.0, 11 for HTTP/1.1
  std::span<const HeaderView> headers;
  std::string_view body;
  std::string_view peer_address;  // the client's IP address, e.g. "127.0.0.2"

  std::string_view path() const;
  std::string_view query() const;  // without the '?'
  // First header with that name (case-insensitive); empty if absent.
  std::string_view header(std::string_view name) const;
};

// What the connection does around the response.
enum class ConnectionAction {
  keep_alive_if_client_wants,  // the normal case
  close_after_response,        // /close, malformed requests
  drop_without_response,       // /drop
};

struct Response {
  int status = 200;
  std::string_view content_type = "text/plain";  // always a string literal
  std::string body;
  std::vector<std::pair<std::string, std::string>> extra_headers;

  // When set, the body is `generated_size` filler bytes instead of `body`,
  // streamed so that 100 MB responses never sit in memory.
  bool generated_body = false;
  std::uint64_t generated_size = 0;
  // > 0: Transfer-Encoding: chunked with chunks of this many bytes.
  std::size_t chunk_size = 0;

  // Wait this long (on a timer, never blocking a thread) before responding.
  std::chrono::milliseconds delay{0};
  ConnectionAction connection = ConnectionAction::keep_alive_if_client_wants;
  // /__counters routes do not count themselves, so tests can poll them.
  bool counted = true;
};

// Limits shared by the handlers and the session.
inline constexpr std::uint64_t kMaxGeneratedBytes = 100ull * 1024 * 1024;
inline constexpr std::size_t kMaxChunkSize = std::size_t{1024} * 1024;
inline constexpr std::size_t kDefaultChunkSize = 4096;

}  // namespace demo_target
