// The web UI's parts and its dispatch (see web_ui.hpp).
#include "web/web_ui.hpp"

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include <algorithm>
#include <boost/asio/ip/address.hpp>
#include <chrono>
#include <stdexcept>

#include "cli/config_error.hpp"
#include "http/ascii.hpp"
#include "runtime/log_throttle.hpp"
#include "web/cross_origin.hpp"
#include "web/embedded_assets.hpp"
#include "web/host_allowlist.hpp"
#include "web/http_server.hpp"
#include "web/index_page.hpp"
#include "web/locust_api.hpp"
#include "web/log_lines.hpp"
#include "web/plugin_routes.hpp"
#include "web/same_origin_step.hpp"
#include "web/template_args.hpp"
#include "web/web_login.hpp"

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
  parts(const cli::run_options& options, const plugin::catalog& catalog, const ui_extensions& extensions,
        control::controller& controller, runtime::option_board& values)
      : options(options),
        catalog(catalog),
        extensions(extensions),
        controller(controller),
        values(values),
        base_path(normalized_base_path(options.web_base_path)),
        scheme(options.tls_cert.empty() ? "http" : "https"),
        hosts(options.web_host, options.web_allowed_hosts),
        login(options, extensions, base_path),
        api(options, catalog, extensions, controller, values, logs),
        routes(catalog.routes) {
    routes.on_login([this](const web_request& request, const login_request& asked, web_response& answer) {
      login.apply(request, asked, answer);
    });
  }

  web_response handle(web_request& request) {
    spdlog::debug("web UI: {} {} from {}", request.method, request.path, request.peer);
    if (!hosts.allows(request.header("Host"))) {
      return refused(request, 403,
                     fmt::format("Host '{}' is not served here: this web UI answers to {} (list other names "
                                 "with --web-allowed-hosts)",
                                 runtime::loggable(request.header("Host")), hosts.described()));
    }
    if (!base_path.empty()) {
      if (!request.path.starts_with(base_path)) return not_found();
      request.path.erase(0, base_path.size());
      if (request.path.empty()) request.path = "/";
    }
    const bool get = request.method == "GET" || request.method == "HEAD";
    if (needs_same_origin_step(request)) {
      return web_response::text(same_origin_step_page(request, base_path), 200, "text/html; charset=utf-8");
    }
    if (changes_state(request)) {
      if (std::string problem = foreign_origin_problem(request, scheme); !problem.empty()) {
        return refused(request, 403, "a request that changes the test from another web page: " + problem);
      }
    }
    if (request.method == "POST" && takes_form(request.path) && is_plain_text_body(request)) {
      return refused(request, 415,
                     "a text/plain body is not a form: send application/x-www-form-urlencoded (or JSON to /user)");
    }
    if (request.path == "/login" && get) return login.login_page(request);
    if (request.path == "/login" && request.method == "POST") return login.submit(request);
    if (request.path == "/logout" && get) return login.logout(request);
    if (!login.enabled() || login.exempt(request)) return serve(request);
    web_login::admission admitted = login.admit(request);
    web_response answer;
    if (!admitted.user && get && request.path == "/") {
      answer = web_response::text("", 302);
      answer.headers.emplace_back("Location", base_path + "/login");
    } else if (!admitted.user) {
      answer = web_response::json(R"({"error": "login required: log in at /login"})", 401);
    } else {
      answer = serve(request);
    }
    answer.delay = std::max(answer.delay, admitted.delay);
    return answer;
  }

  // The API, the modules' routes, the page and its assets.
  web_response serve(const web_request& request) {
    const bool get = request.method == "GET" || request.method == "HEAD";
    if (auto answer = api.serve(request)) return std::move(*answer);
    if (auto answer = routes.serve(request)) return under_base_path(std::move(*answer));
    if (get && request.path == "/") {
      page_context page{options, catalog, extensions, controller, values, base_path};
      return web_response::text(index_page(template_args_json(page), base_path), 200, "text/html; charset=utf-8");
    }
    if (get && request.path.starts_with("/assets/")) {
      std::string_view name = std::string_view(request.path).substr(8);
      std::string_view bytes = embedded_asset(name);
      if (!bytes.empty()) {
        web_response asset =
            web_response::text(std::string(bytes), 200, name.ends_with(".js") ? "text/javascript" : "text/css");
        return asset;
      }
    }
    return not_found();
  }

  static web_response not_found() { return web_response::text("Not found\n", 404); }

  // A refusal, answered with `why` and logged once per 10 s at most.
  web_response refused(const web_request& request, int status, const std::string& why) {
    if (auto held_back = refusal_log.admit(runtime::log_throttle::clock::now())) {
      spdlog::warn("web UI: refused {} {} from {}: {}{}", request.method, runtime::loggable(request.path), request.peer,
                   why, *held_back > 0 ? fmt::format(" ({} more refused since the last report)", *held_back) : "");
    }
    return web_response::text(why + "\n", status);
  }

  // The routes that read a form (or /user's JSON): a text/plain body is
  // what any site's HTML form may post, and never one of those.
  bool takes_form(const std::string& path) const {
    return path == "/swarm" || path == "/login" || path == "/user" || login.is_callback(path);
  }

  // A browser sent here from another site (a sign-on provider's redirect, a
  // link) whose session cookie, SameSite=Strict, it did not send: a login
  // callback, or any page while it has no session. See same_origin_step.hpp.
  bool needs_same_origin_step(const web_request& request) const {
    if (!login.enabled() || !sent_from_elsewhere(request)) return false;
    const bool get = request.method == "GET" || request.method == "HEAD";
    if (login.is_callback(request.path)) {
      std::string_view type = request.header("Content-Type");
      const bool form = request.body.empty() ||
                        http::equal_ignoring_case(type.substr(0, type.find(';')), "application/x-www-form-urlencoded");
      return get || (request.method == "POST" && form);
    }
    return get && request.header("Sec-Fetch-Mode") == "navigate" && !login.user_of(request);
  }

  // A module's redirect to "/..." means a page of this UI: under the base path.
  web_response under_base_path(web_response answer) const {
    if (base_path.empty()) return answer;
    for (auto& [name, value] : answer.headers) {
      if (http::equal_ignoring_case(name, "Location") && value.starts_with('/') && !value.starts_with("//")) {
        value.insert(0, base_path);
      }
    }
    return answer;
  }

  const cli::run_options& options;
  const plugin::catalog& catalog;
  const ui_extensions& extensions;
  control::controller& controller;
  runtime::option_board& values;
  std::string base_path;
  std::string scheme;  // "http" or "https": the UI's own origin starts with it
  host_allowlist hosts;
  runtime::log_throttle refusal_log{std::chrono::seconds(10)};
  web_login login;
  log_lines logs;
  locust_api api;
  plugin_routes routes;
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
        [this](web_request& request) { return parts_->handle(request); },
        http_server::tls_files{options.tls_cert, options.tls_key});
  } catch (const std::runtime_error& error) {
    throw cli::config_error(error.what());
  }
  controller.on_quit([this] { parts_->server->close(); });
  std::string shown_host = options.web_host.empty() ? "0.0.0.0" : options.web_host;
  if (shown_host.find(':') != std::string::npos) shown_host = "[" + shown_host + "]";
  spdlog::info("Starting web interface at {}://{}:{}{}", options.tls_cert.empty() ? "http" : "https", shown_host,
               port(), parts_->base_path);
  if (parts_->hosts.allows_any_name()) {
    spdlog::warn(
        "The web interface on {} answers requests for any host name, so a web page can read it through DNS "
        "rebinding: list the names it is reached by with --web-allowed-hosts (e.g. --web-allowed-hosts "
        "locust.example.com,*.svc.cluster.local)",
        shown_host);
  }
  if (!is_loopback(options.web_host.empty() ? "0.0.0.0" : options.web_host) && !parts_->login.enabled()) {
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
