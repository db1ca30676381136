// Calling plugin routes through the ABI (see plugin_routes.hpp).
#include "web/plugin_routes.hpp"

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include <string>

#include "abi/abi_text.hpp"
#include "plugin/code_site.hpp"
#include "web/route_writer.hpp"

namespace locustpp::web {
namespace {

bool matches(const plugin::route_model& route, const web_request& request) {
  if (route.method != "*" && route.method != request.method) return false;
  if (request.path == route.path) return true;
  if (!route.prefix || !request.path.starts_with(route.path)) return false;
  // "/extend" matches "/extend/x", not "/extender"
  return route.path.ends_with('/') || request.path[route.path.size()] == '/';
}

}  // namespace

std::optional<web_response> plugin_routes::serve(const web_request& request) const {
  for (const plugin::route_model& route : routes_) {
    if (!matches(route, request)) continue;
    std::vector<locustpp_pair> headers;
    headers.reserve(request.headers.size());
    for (const auto& [name, value] : request.headers) headers.push_back({abi_of(name), abi_of(value)});
    locustpp_web_request abi_request{
        sizeof(locustpp_web_request), abi_of(request.method), abi_of(request.path),
        abi_of(request.query),        headers.data(),         static_cast<std::uint32_t>(headers.size()),
        abi_of(request.body)};
    route_writer writer;
    locustpp_web_response abi_response = writer.abi();
    char message[1024];
    std::size_t message_size = 0;
    std::int32_t result = 0;
    {
      plugin::code_site_guard calling(route.site);
      result = route.handler(route.ctx, &abi_request, &abi_response,
                             locustpp_error_buffer{message, sizeof(message), &message_size});
    }
    if (result != LOCUSTPP_OK) {
      spdlog::error("web route {} {} ({}) failed: {}", route.method, route.path, route.site.module,
                    std::string_view(message, std::min(message_size, sizeof(message))));
      return web_response::text("The route failed: see the log\n", 500);
    }
    if (std::string problem = writer.problem(); !problem.empty()) {
      spdlog::error("web route {} {} ({}) answered what HTTP cannot carry: {}", route.method, route.path,
                    route.site.module, problem);
      return web_response::text(
          fmt::format("The route of module {} answered what HTTP cannot carry: {}\n", route.site.module, problem), 500);
    }
    if (on_login_) on_login_(request, writer.login, writer.response);
    return std::move(writer.response);
  }
  return std::nullopt;
}

}  // namespace locustpp::web
