// The web UI: its dispatch behind an HTTP server (see web_ui.hpp).
#include "web/web_ui.hpp"

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include <boost/asio/ip/address.hpp>
#include <stdexcept>

#include "cli/config_error.hpp"
#include "web/http_server.hpp"
#include "web/request_dispatch.hpp"

namespace locustpp::web {
namespace {

bool is_loopback(const std::string& host) {
  boost::system::error_code ec;
  auto address = boost::asio::ip::make_address(host, ec);
  return !ec && address.is_loopback();
}

}  // namespace

struct web_ui::parts {
  parts(const cli::run_options& options, const plugin::catalog& catalog, const ui_extensions& extensions,
        control::controller& controller, const runtime::option_board& values)
      : dispatch(options, catalog, extensions, controller, values) {}

  request_dispatch dispatch;
  std::unique_ptr<http_server> server;
};

web_ui::web_ui(const cli::run_options& options, const plugin::catalog& catalog, const ui_extensions& extensions,
               control::controller& controller, runtime::host_state& state)
    : parts_(std::make_unique<parts>(options, catalog, extensions, controller, state.options)) {
  if (options.tls_cert.empty() != options.tls_key.empty()) {
    throw cli::config_error("--tls-cert and --tls-key go together: give both for HTTPS, or neither");
  }
  try {
    parts_->server = std::make_unique<http_server>(
        state.control.io(), options.web_host, static_cast<std::uint16_t>(options.web_port),
        [this](web_request& request) { return parts_->dispatch.handle(request); },
        http_server::tls_files{options.tls_cert, options.tls_key});
  } catch (const std::runtime_error& error) {
    throw cli::config_error(error.what());
  }
  controller.on_quit([this] { parts_->server->close(); });
  std::string shown_host = options.web_host.empty() ? "0.0.0.0" : options.web_host;
  if (shown_host.find(':') != std::string::npos) shown_host = "[" + shown_host + "]";
  spdlog::info("Starting web interface at {}://{}:{}{}", options.tls_cert.empty() ? "http" : "https", shown_host,
               port(), parts_->dispatch.base_path());
  if (parts_->dispatch.allows_any_host_name()) {
    spdlog::warn(
        "The web interface on {} answers requests for any host name, so a web page can read it through DNS "
        "rebinding: list the names it is reached by with --web-allowed-hosts (e.g. --web-allowed-hosts "
        "locust.example.com,*.svc.cluster.local)",
        shown_host);
  }
  if (!is_loopback(options.web_host.empty() ? "0.0.0.0" : options.web_host) && !parts_->dispatch.login_enabled()) {
    spdlog::warn(
        "The web interface on {} accepts connections from other machines, and anyone who reaches it can "
        "start a load test: protect it with --web-auth username:password or --web-login",
        shown_host);
  }
}

web_ui::~web_ui() = default;

std::uint16_t web_ui::port() const noexcept {
  return parts_->server->port();
}

}  // namespace locustpp::web
