// The web UI (unless --headless): an HTTP server on the control thread
// serving the page, Locust's REST API and the routes modules add, under
// --web-base-path, on --web-host:--web-port, behind the login when
// --web-login or --web-auth is given. A client of the controller
// like any other; it closes when the controller quits.
#pragma once

#include <cstdint>
#include <memory>

#include "cli/run_options.hpp"
#include "control/controller.hpp"
#include "plugin/catalog.hpp"
#include "runtime/host_services.hpp"
#include "web/ui_extensions.hpp"

namespace locustpp::web {

class web_ui {
 public:
  // Listens at once; throws cli::config_error naming the address and the
  // reason when it cannot (port in use, not an address of this machine).
  web_ui(const cli::run_options& options, const plugin::catalog& catalog, const ui_extensions& extensions,
         control::controller& controller, runtime::host_state& state);
  ~web_ui();
  web_ui(const web_ui&) = delete;
  web_ui& operator=(const web_ui&) = delete;

  std::uint16_t port() const noexcept;

 private:
  struct parts;
  std::unique_ptr<parts> parts_;
};

}  // namespace locustpp::web
