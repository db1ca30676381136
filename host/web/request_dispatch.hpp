// What the web UI answers to one request, whoever carried it there: the
// Host and origin checks, the login, Locust's REST API, the modules'
// routes, the page and its assets, under --web-base-path. web_ui hands it
// every request its http_server reads; it knows no sockets and no Beast, so
// all of it also runs in-process (fuzz/fuzz_web_request.cpp).
//
// Thread rules: control thread only.
#pragma once

#include <chrono>
#include <string>

#include "cli/run_options.hpp"
#include "control/controller.hpp"
#include "plugin/catalog.hpp"
#include "runtime/option_board.hpp"
#include "web/host_allowlist.hpp"
#include "web/locust_api.hpp"
#include "web/log_lines.hpp"
#include "runtime/log_throttle.hpp"
#include "web/plugin_routes.hpp"
#include "web/ui_extensions.hpp"
#include "web/web_login.hpp"
#include "web/web_message.hpp"

namespace locustpp::web {

class request_dispatch {
 public:
  // Throws cli::config_error for a --web-auth, --web-login or
  // --web-allowed-hosts it cannot use.
  request_dispatch(const cli::run_options& options, const plugin::catalog& catalog, const ui_extensions& extensions,
                   control::controller& controller, const runtime::option_board& values);
  request_dispatch(const request_dispatch&) = delete;
  request_dispatch& operator=(const request_dispatch&) = delete;

  // The answer to `request`, whose path loses the base path on the way.
  web_response handle(web_request& request);

  const std::string& base_path() const noexcept { return base_path_; }
  bool login_enabled() const noexcept { return login_.enabled(); }
  // Beyond loopback without --web-allowed-hosts (a warning is due).
  bool allows_any_host_name() const noexcept { return hosts_.allows_any_name(); }

 private:
  web_response serve(const web_request& request);  // the API, the modules' routes, the page and its assets
  static web_response not_found();
  // A refusal, answered with `why` and logged once per 10 s at most.
  web_response refused(const web_request& request, int status, const std::string& why);
  bool takes_form(const std::string& path) const;
  bool needs_same_origin_step(const web_request& request) const;
  web_response under_base_path(web_response answer) const;

  const cli::run_options& options_;
  const plugin::catalog& catalog_;
  const ui_extensions& extensions_;
  control::controller& controller_;
  const runtime::option_board& values_;  // read for the start form
  std::string base_path_;
  std::string scheme_;  // "http" or "https": the UI's own origin starts with it
  host_allowlist hosts_;
  runtime::log_throttle refusal_log_{std::chrono::seconds(10)};
  web_login login_;
  log_lines logs_;
  locust_api api_;
  plugin_routes routes_;
};

}  // namespace locustpp::web
