// The web UI's parts and its dispatch (see web_ui.hpp).
#include "web/web_ui.hpp"

#include <spdlog/spdlog.h>

#include <boost/asio/ip/address.hpp>
#include <limits>
#include <stdexcept>

#include "cli/config_error.hpp"
#include "web/http_server.hpp"
#include "web/index_page.hpp"
#include "web/locust_api.hpp"
#include "web/log_lines.hpp"
#include "web/plugin_routes.hpp"

namespace locustpp::web {
namespace {

bool is_loopback(const std::string& host) {
  boost::system::error_code ec;
  auto address = boost::asio::ip::make_address(host, ec);
  return !ec && address.is_loopback();
}

// "/locust/" and "locust" both mean "/locust"; "" and "/" mean no base path.
std::string normalized_base_path(std::string path) {
  while (!path.empty() && path.back() == '/') path.pop_back();
  if (!path.empty() && path.front() != '/') path.insert(path.begin(), '/');
  return path;
}

}  // namespace

struct web_ui::parts {
  parts(const cli::run_options& options, const plugin::catalog& catalog, control::controller& controller)
      : options(options),
        controller(controller),
        base_path(normalized_base_path(options.web_base_path)),
        api(options, controller, logs),
        routes(catalog.routes) {}

  web_response handle(web_request& request) {
    spdlog::debug("web UI: {} {} from {}", request.method, request.path, request.peer);
    if (!base_path.empty()) {
      if (!request.path.starts_with(base_path)) return not_found();
      request.path.erase(0, base_path.size());
      if (request.path.empty()) request.path = "/";
    }
    if (auto answer = api.serve(request)) return std::move(*answer);
    if (auto answer = routes.serve(request)) return std::move(*answer);
    if (request.path == "/" && (request.method == "GET" || request.method == "HEAD")) {
      page_defaults defaults{base_path, controller.host(), static_cast<std::uint64_t>(options.users),
                             options.spawn_rate};
      if (controller.target_user_count() != std::numeric_limits<std::size_t>::max() &&
          controller.state() != LOCUSTPP_STATE_READY) {
        defaults.users = controller.target_user_count();
        defaults.spawn_rate = controller.spawn_rate();
      }
      return web_response::text(index_page(defaults), 200, "text/html; charset=utf-8");
    }
    return not_found();
  }

  static web_response not_found() { return web_response::text("Not found\n", 404); }

  const cli::run_options& options;
  control::controller& controller;
  std::string base_path;
  log_lines logs;
  locust_api api;
  plugin_routes routes;
  std::unique_ptr<http_server> server;
};

web_ui::web_ui(const cli::run_options& options, const plugin::catalog& catalog, control::controller& controller,
               runtime::control_loop& control)
    : parts_(std::make_unique<parts>(options, catalog, controller)) {
  try {
    parts_->server =
        std::make_unique<http_server>(control.io(), options.web_host, static_cast<std::uint16_t>(options.web_port),
                                      [this](web_request& request) { return parts_->handle(request); });
  } catch (const std::runtime_error& error) {
    throw cli::config_error(error.what());
  }
  controller.on_quit([this] { parts_->server->close(); });
  std::string shown_host = options.web_host.empty() ? "0.0.0.0" : options.web_host;
  if (shown_host.find(':') != std::string::npos) shown_host = "[" + shown_host + "]";
  spdlog::info("Starting web interface at http://{}:{}{}", shown_host, port(), parts_->base_path);
  if (!is_loopback(options.web_host.empty() ? "0.0.0.0" : options.web_host)) {
    spdlog::warn(
        "The web interface on {} accepts connections from other machines, and anyone who reaches it can "
        "start a load test: it has no login yet",
        shown_host);
  }
}

web_ui::~web_ui() = default;

std::uint16_t web_ui::port() const noexcept {
  return parts_->server->port();
}

}  // namespace locustpp::web
