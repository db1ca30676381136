// Routes that modules add (Locust's web_ui.app.route): matched by method and
// path (or path prefix), called on the control thread through the ABI. A
// handler that fails, or answers what HTTP cannot carry (a status past 999,
// a header over 16 KiB), gives a 500 and a logged message naming the route
// and module; the server keeps serving.
#pragma once

#include <functional>
#include <optional>
#include <vector>

#include "plugin/catalog.hpp"
#include "web/ui_extensions.hpp"
#include "web/web_message.hpp"

namespace locustpp::web {

class plugin_routes {
 public:
  // Called after a handler that asked to log its client in or to leave a
  // message for the login page: the login code answers with the cookie.
  using login_hook = std::function<void(const web_request&, const login_request&, web_response&)>;

  explicit plugin_routes(const std::vector<plugin::route_model>& routes) : routes_(routes) {}
  void on_login(login_hook hook) { on_login_ = std::move(hook); }
  // The answer of the first route that matches, or nullopt.
  std::optional<web_response> serve(const web_request& request) const;

 private:
  const std::vector<plugin::route_model>& routes_;
  login_hook on_login_;
};

}  // namespace locustpp::web
