// The host side of locustpp_web_response: what a plugin route handler
// writes (status, headers, body) and asks (log in, a login page message),
// collected while the handler runs. Control thread.
#pragma once

#include "locustpp/abi/web.h"
#include "web/ui_extensions.hpp"
#include "web/web_message.hpp"

namespace locustpp::web {

struct route_writer {
  web_response response{200, "text/html; charset=utf-8", {}, {}};
  login_request login;

  // The ABI view of this writer, valid while the writer lives.
  locustpp_web_response abi();
  // The writer behind an ABI response the host made (never a plugin's own struct).
  static route_writer& of(const locustpp_web_response* response) {
    return *static_cast<route_writer*>(response->writer_ctx);
  }
};

}  // namespace locustpp::web
