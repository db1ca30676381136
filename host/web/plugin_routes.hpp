// Routes that modules add (Locust's web_ui.app.route): matched by method and
// path (or path prefix), called on the control thread through the ABI. A
// handler that fails gives a 500 and a logged message naming the route and
// module; the server keeps serving.
#pragma once

#include <optional>
#include <vector>

#include "plugin/catalog.hpp"
#include "web/web_message.hpp"

namespace locustpp::web {

class plugin_routes {
 public:
  explicit plugin_routes(const std::vector<plugin::route_model>& routes) : routes_(routes) {}
  // The answer of the first route that matches, or nullopt.
  std::optional<web_response> serve(const web_request& request) const;

 private:
  const std::vector<plugin::route_model>& routes_;
};

}  // namespace locustpp::web
