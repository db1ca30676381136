// The web UI's answer to one request (see request_dispatch.hpp).
#include "web/request_dispatch.hpp"

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include <algorithm>

#include "http/ascii.hpp"
#include "web/cross_origin.hpp"
#include "web/embedded_assets.hpp"
#include "web/index_page.hpp"
#include "web/same_origin_step.hpp"
#include "web/template_args.hpp"

namespace locustpp::web {
namespace {

// "/locust/" and "locust" both mean "/locust"; "" and "/" mean no base path.
std::string normalized_base_path(std::string path) {
  while (!path.empty() && path.back() == '/') path.pop_back();
  if (!path.empty() && path.front() != '/') path.insert(path.begin(), '/');
  return path;
}

}  // namespace

request_dispatch::request_dispatch(const cli::run_options& options, const plugin::catalog& catalog,
                                   const ui_extensions& extensions, control::controller& controller,
                                   const runtime::option_board& values)
    : options_(options),
      catalog_(catalog),
      extensions_(extensions),
      controller_(controller),
      values_(values),
      base_path_(normalized_base_path(options.web_base_path)),
      scheme_(options.tls_cert.empty() ? "http" : "https"),
      hosts_(options.web_host, options.web_allowed_hosts),
      login_(options, extensions, base_path_),
      api_(options, catalog, extensions, controller, logs_),
      routes_(catalog.routes) {
  routes_.on_login([this](const web_request& request, const login_request& asked, web_response& answer) {
    login_.apply(request, asked, answer);
  });
}

web_response request_dispatch::handle(web_request& request) {
  spdlog::debug("web UI: {} {} from {}", request.method, request.path, request.peer);
  if (!hosts_.allows(request.header("Host"))) {
    return refused(request, 403,
                   fmt::format("Host '{}' is not served here: this web UI answers to {} (list other names "
                               "with --web-allowed-hosts)",
                               runtime::loggable(request.header("Host")), hosts_.described()));
  }
  if (!base_path_.empty()) {
    if (!request.path.starts_with(base_path_)) return not_found();
    request.path.erase(0, base_path_.size());
    if (request.path.empty()) request.path = "/";
  }
  const bool get = request.method == "GET" || request.method == "HEAD";
  if (needs_same_origin_step(request)) {
    return web_response::text(same_origin_step_page(request, base_path_), 200, "text/html; charset=utf-8");
  }
  if (changes_state(request)) {
    if (std::string problem = foreign_origin_problem(request, scheme_); !problem.empty()) {
      return refused(request, 403, "a request that changes the test from another web page: " + problem);
    }
  }
  if (request.method == "POST" && takes_form(request.path) && is_plain_text_body(request)) {
    return refused(request, 415,
                   "a text/plain body is not a form: send application/x-www-form-urlencoded (or JSON to /user)");
  }
  if (request.path == "/login" && get) return login_.login_page(request);
  if (request.path == "/login" && request.method == "POST") return login_.submit(request);
  if (request.path == "/logout" && get) return login_.logout(request);
  if (!login_.enabled() || login_.exempt(request)) return serve(request);
  web_login::admission admitted = login_.admit(request);
  web_response answer;
  if (!admitted.user && get && request.path == "/") {
    answer = web_response::text("", 302);
    answer.headers.emplace_back("Location", base_path_ + "/login");
  } else if (!admitted.user) {
    answer = web_response::json(R"({"error": "login required: log in at /login"})", 401);
  } else {
    answer = serve(request);
  }
  answer.delay = std::max(answer.delay, admitted.delay);
  return answer;
}

web_response request_dispatch::serve(const web_request& request) {
  const bool get = request.method == "GET" || request.method == "HEAD";
  if (auto answer = api_.serve(request)) return std::move(*answer);
  if (auto answer = routes_.serve(request)) return under_base_path(std::move(*answer));
  if (get && request.path == "/") {
    page_context page{options_, catalog_, extensions_, controller_, values_, base_path_};
    return web_response::text(index_page(template_args_json(page), base_path_), 200, "text/html; charset=utf-8");
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

web_response request_dispatch::not_found() {
  return web_response::text("Not found\n", 404);
}

web_response request_dispatch::refused(const web_request& request, int status, const std::string& why) {
  if (auto held_back = refusal_log_.admit(runtime::log_throttle::clock::now())) {
    spdlog::warn("web UI: refused {} {} from {}: {}{}", request.method, runtime::loggable(request.path), request.peer, why,
                 *held_back > 0 ? fmt::format(" ({} more refused since the last report)", *held_back) : "");
  }
  return web_response::text(why + "\n", status);
}

// The routes that read a form (or /user's JSON): a text/plain body is
// what any site's HTML form may post, and never one of those.
bool request_dispatch::takes_form(const std::string& path) const {
  return path == "/swarm" || path == "/login" || path == "/user" || login_.is_callback(path);
}

// A browser sent here from another site (a sign-on provider's redirect, a
// link) whose session cookie, SameSite=Strict, it did not send: a login
// callback, or any page while it has no session. See same_origin_step.hpp.
bool request_dispatch::needs_same_origin_step(const web_request& request) const {
  if (!login_.enabled() || !sent_from_elsewhere(request)) return false;
  const bool get = request.method == "GET" || request.method == "HEAD";
  if (login_.is_callback(request.path)) {
    std::string_view type = request.header("Content-Type");
    const bool form = request.body.empty() ||
                      http::equal_ignoring_case(type.substr(0, type.find(';')), "application/x-www-form-urlencoded");
    return get || (request.method == "POST" && form);
  }
  return get && request.header("Sec-Fetch-Mode") == "navigate" && !login_.user_of(request);
}

// A module's redirect to "/..." means a page of this UI: under the base path.
web_response request_dispatch::under_base_path(web_response answer) const {
  if (base_path_.empty()) return answer;
  for (auto& [name, value] : answer.headers) {
    if (http::equal_ignoring_case(name, "Location") && value.starts_with('/') && !value.starts_with("//")) {
      value.insert(0, base_path_);
    }
  }
  return answer;
}

}  // namespace locustpp::web
