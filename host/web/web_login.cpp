// Sessions, credentials and what passes without them (see web_login.hpp).
#include "web/web_login.hpp"

#include <fmt/format.h>
#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <rapidjson/document.h>
#include <spdlog/spdlog.h>

#include <algorithm>
#include <chrono>

#include "cli/config_error.hpp"
#include "http/url.hpp"
#include "web/form_fields.hpp"
#include "web/login_page.hpp"

namespace locustpp::web {
namespace {

bool same_secret(std::string_view a, std::string_view b) {
  return a.size() == b.size() && CRYPTO_memcmp(a.data(), b.data(), a.size()) == 0;
}

long now_seconds() {
  return static_cast<long>(
      std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch()).count());
}

std::string_view cookie_of(const web_request& request, std::string_view name) {
  std::string_view header = request.header("Cookie");
  while (!header.empty()) {
    std::size_t end = header.find(';');
    std::string_view pair = header.substr(0, end);
    while (!pair.empty() && pair.front() == ' ') pair.remove_prefix(1);
    if (pair.size() > name.size() && pair.starts_with(name) && pair[name.size()] == '=') {
      return pair.substr(name.size() + 1);
    }
    header = end == std::string_view::npos ? std::string_view{} : header.substr(end + 1);
  }
  return {};
}

// "user:pass" from an "Authorization: Basic ..." header, or "".
std::string basic_credentials(const web_request& request) {
  std::string_view header = request.header("Authorization");
  if (!header.starts_with("Basic ")) return "";
  std::string_view encoded = header.substr(6);
  std::string decoded(encoded.size(), '\0');
  int size = EVP_DecodeBlock(reinterpret_cast<unsigned char*>(decoded.data()),
                             reinterpret_cast<const unsigned char*>(encoded.data()), static_cast<int>(encoded.size()));
  if (size < 0) return "";
  decoded.resize(static_cast<std::size_t>(size));
  std::size_t padding = encoded.size() - encoded.find_last_not_of('=') - 1;  // EVP_DecodeBlock keeps pad bytes
  decoded.resize(decoded.size() - std::min(padding, decoded.size()));
  return decoded;
}

// The module's routes its login page posts or links to: served without a session.
std::vector<std::string> login_callbacks(const std::string& auth_args_json) {
  std::vector<std::string> callbacks;
  if (auth_args_json.empty()) return callbacks;
  rapidjson::Document args;
  args.Parse(auth_args_json.c_str());
  const auto add = [&](const rapidjson::Value& object, const char* name) {
    if (object.IsObject() && object.HasMember(name) && object[name].IsString()) {
      callbacks.emplace_back(object[name].GetString(), object[name].GetStringLength());
    }
  };
  add(args, "username_password_callback");
  if (args.IsObject() && args.HasMember("custom_form")) add(args["custom_form"], "callback_url");
  if (args.IsObject() && args.HasMember("auth_providers") && args["auth_providers"].IsArray()) {
    for (const auto& provider : args["auth_providers"].GetArray()) add(provider, "callback_url");
  }
  return callbacks;
}

web_response redirect(const std::string& location) {
  web_response response = web_response::text("", 302);
  response.headers.emplace_back("Location", location);
  return response;
}

}  // namespace

web_login::web_login(const cli::run_options& options, const ui_extensions& extensions, std::string base_path)
    : auth_args_(options.web_login ? extensions.auth_args_json() : ""), base_path_(std::move(base_path)) {
  if (!options.web_auth.empty()) {
    std::size_t colon = options.web_auth.find(':');
    if (colon == std::string::npos || colon == 0) {
      throw cli::config_error("--web-auth: expected username:password");
    }
    username_ = options.web_auth.substr(0, colon);
    password_ = options.web_auth.substr(colon + 1);
  }
  if (options.web_login && auth_args_.empty() && username_.empty()) {
    throw cli::config_error(
        "--web-login: no module offers a login page (the web extension's set_login); give --web-auth "
        "username:password for the built-in one");
  }
  enabled_ = options.web_login || !username_.empty();
  callbacks_ = login_callbacks(auth_args_);
  secure_ = !options.tls_cert.empty();
}

std::string web_login::cookie(const std::string& name, const std::string& value, long max_age_seconds) const {
  // Strict: the cookie rides no request another site starts (Lax rides
  // top-level GETs from anywhere). Pages on another port of this host are
  // the same site and still get it sent: cross_origin.hpp refuses those.
  return fmt::format("{}={}; Path={}; Max-Age={}; HttpOnly; SameSite=Strict{}", name, value,
                     base_path_.empty() ? "/" : base_path_, max_age_seconds, secure_ ? "; Secure" : "");
}

std::optional<std::string> web_login::user_of(const web_request& request) const {
  if (auto user = sessions_.user_of(cookie_of(request, session_cookie), now_seconds())) return user;
  if (!username_.empty() && same_secret(basic_credentials(request), username_ + ":" + password_)) return username_;
  return std::nullopt;
}

web_login::admission web_login::admit(const web_request& request) {
  if (auto user = sessions_.user_of(cookie_of(request, session_cookie), now_seconds())) return {user, {}};
  if (username_.empty() || request.header("Authorization").empty()) return {};  // no credentials: no attempt
  const std::string given = basic_credentials(request);
  if (same_secret(given, username_ + ":" + password_)) {
    return {username_, throttle_.wait(request.peer, login_throttle::clock::now())};
  }
  return {std::nullopt, failed(request, given.substr(0, given.find(':')))};
}

std::chrono::milliseconds web_login::failed(const web_request& request, std::string_view user) {
  if (auto held_back = failure_log_.admit(runtime::log_throttle::clock::now())) {
    spdlog::warn("web UI: failed login as '{}' from {}{}; answers to failed logins are slowed", runtime::loggable(user),
                 request.peer,
                 *held_back > 0 ? fmt::format(" ({} more failed logins since the last report)", *held_back) : "");
  }
  return throttle_.failed(request.peer, login_throttle::clock::now());
}

bool web_login::exempt(const web_request& request) const {
  return request.path == "/login" || request.path == "/logout" || is_callback(request.path);
}

bool web_login::is_callback(const std::string& path) const {
  return std::find(callbacks_.begin(), callbacks_.end(), path) != callbacks_.end();
}

web_response web_login::login_page(const web_request& request) const {
  if (!enabled_) return redirect(base_path_ + "/");
  std::string message(cookie_of(request, message_cookie));
  login_page_content content{auth_args_, base_path_, !username_.empty(), http::form_decoded(message)};
  web_response page = web_response::text(render_login_page(content), 200, "text/html; charset=utf-8");
  if (!message.empty()) page.headers.emplace_back("Set-Cookie", cookie(message_cookie, "", 0));
  return page;
}

web_response web_login::submit(const web_request& request) {
  form_fields form(request.body);
  std::string given = form.last("username").value_or("") + ":" + form.last("password").value_or("");
  if (username_.empty() || !same_secret(given, username_ + ":" + password_)) {
    web_response refused = redirect(base_path_ + "/login");
    refused.headers.emplace_back("Set-Cookie", cookie(message_cookie, "eInvalid+username+or+password", 60));
    refused.delay = failed(request, form.last("username").value_or(""));
    return refused;
  }
  web_response welcome = redirect(base_path_ + "/");
  welcome.headers.emplace_back(
      "Set-Cookie", cookie(session_cookie, sessions_.open(username_, now_seconds()), session_book::lifetime_seconds));
  welcome.delay = throttle_.wait(request.peer, login_throttle::clock::now());
  return welcome;
}

web_response web_login::logout(const web_request& request) {
  sessions_.close(cookie_of(request, session_cookie));
  web_response bye = redirect(base_path_ + "/login");
  bye.headers.emplace_back("Set-Cookie", cookie(session_cookie, "", 0));
  return bye;
}

void web_login::apply(const web_request& request, const login_request& login, web_response& response) {
  if (!login.user.empty()) {
    response.headers.emplace_back("Set-Cookie", cookie(session_cookie, sessions_.open(login.user, now_seconds()),
                                                       session_book::lifetime_seconds));
    response.delay = std::max(response.delay, throttle_.wait(request.peer, login_throttle::clock::now()));
  } else if (login.message_is_error && !login.message.empty()) {
    response.delay = std::max(response.delay, failed(request, form_fields(request.body).last("username").value_or("")));
  }
  if (!login.message.empty()) {
    std::string encoded = login.message_is_error ? "e" : "i";
    http::append_form_encoded(encoded, login.message);
    response.headers.emplace_back("Set-Cookie", cookie(message_cookie, encoded, 60));
  }
}

}  // namespace locustpp::web
