// One simulated user's HTTP client: a keep-alive connection (plain or TLS),
// its cookie jar, redirects and timeouts. Single-threaded: every call and
// every completion happens on the worker thread that owns the session.
#pragma once

#include <cstdint>
#include <memory>
#include <string>

#include "http/url.hpp"
#include "locustpp/abi/http.h"

namespace locustpp::http {

class client_context;

// What one finished request produced. Views in `response` point into the
// session and stay valid until the session's next start().
struct exchange_result {
  locustpp_http_response response{};
  std::string method;
  std::string name;                  // statistics label
  std::string url;                   // the URL first requested (before redirects)
  std::uint64_t response_time_ns = 0;
};

class http_session {
 public:
  using completion = void (*)(void* completion_ctx);

  explicit http_session(client_context& context);
  ~http_session();  // abandons any exchange in flight
  http_session(const http_session&) = delete;
  http_session& operator=(const http_session&) = delete;

  // Sends `request` (borrowed for this call only). Relative URLs resolve
  // against `base` (the user's host; may be null). `done(ctx)` runs once,
  // later, on this thread — never from inside start().
  void start(const locustpp_http_request& request, const url* base, completion done, void* completion_ctx);
  // Forgets the exchange in flight (its completion will not run) and closes
  // the connection. Used when a user is killed.
  void abandon() noexcept;
  const exchange_result& result() const noexcept;

 private:
  struct impl;
  std::shared_ptr<impl> impl_;  // shared with pending handlers, which may outlive this
};

}  // namespace locustpp::http
