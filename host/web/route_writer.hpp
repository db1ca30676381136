// The host side of locustpp_web_response: what a plugin route handler
// writes (status, headers, body) and asks (log in, a login page message),
// collected while the handler runs. Control thread.
#pragma once

#include <cstddef>
#include <string>

#include "locustpp/abi/web.h"
#include "web/ui_extensions.hpp"
#include "web/web_message.hpp"

namespace locustpp::web {

struct route_writer {
  web_response response{200, "text/html; charset=utf-8", {}, {}, {}};
  login_request login;

  // Limits of what a route may answer: HTTP's three-digit statuses, and
  // header lines well under Beast's (it throws past 64 KiB, outside any
  // handler's reach).
  static constexpr int lowest_status = 100, highest_status = 999;
  static constexpr std::size_t max_header_bytes = 16u << 10;  // a name or a value

  // The ABI view of this writer, valid while the writer lives.
  locustpp_web_response abi();
  // "" when HTTP can carry the response as written, else what cannot be
  // (a status out of range, a header too long or with CR, LF or NUL, a bad name).
  std::string problem() const;
  // The writer behind an ABI response the host made (never a plugin's own struct).
  static route_writer& of(const locustpp_web_response* response) {
    return *static_cast<route_writer*>(response->writer_ctx);
  }
};

}  // namespace locustpp::web
