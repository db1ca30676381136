// Sessions, credentials and what passes without them (see web_login.hpp).
#include "web/web_login.hpp"

#include <fmt/format.h>
#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/rand.h>
#include <rapidjson/document.h>

#include <algorithm>
#include <chrono>

#include "cli/config_error.hpp"
#include "http/url.hpp"
#include "web/form_fields.hpp"
#include "web/login_page.hpp"

namespace locustpp::web {
namespace {

constexpr long session_seconds = 7 * 24 * 3600;

std::string to_hex(std::string_view bytes) {
  static constexpr char digits[] = "0123456789abcdef";
  std::string out;
  for (unsigned char c : bytes) {
    out += digits[c >> 4];
    out += digits[c & 15];
  }
  return out;
}

std::optional<std::string> from_hex(std::string_view hex) {
  if (hex.size() % 2 != 0) return std::nullopt;
  std::string out;
  for (std::size_t i = 0; i < hex.size(); i += 2) {
    int value = 0;
    for (char c : hex.substr(i, 2)) {
      int digit = c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
      if (digit < 0) return std::nullopt;
      value = value * 16 + digit;
    }
    out += static_cast<char>(value);
  }
  return out;
}

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
  if (RAND_bytes(key_.data(), static_cast<int>(key_.size())) != 1) {
    throw std::runtime_error("cannot make a session key for the web UI (RAND_bytes failed)");
  }
}

std::string web_login::signature(const std::string& text) const {
  unsigned char mac[EVP_MAX_MD_SIZE];
  unsigned int size = 0;
  HMAC(EVP_sha256(), key_.data(), static_cast<int>(key_.size()), reinterpret_cast<const unsigned char*>(text.data()),
       text.size(), mac, &size);
  return to_hex(std::string_view(reinterpret_cast<const char*>(mac), size));
}

std::string web_login::session_value(const std::string& user) const {
  std::string payload = to_hex(user) + "." + std::to_string(now_seconds() + session_seconds);
  return payload + "." + signature(payload);
}

std::string web_login::cookie(const std::string& name, const std::string& value, long max_age_seconds) const {
  // Strict: the cookie rides no request another site starts (Lax rides
  // top-level GETs from anywhere). Pages on another port of this host are
  // the same site and still get it sent: cross_origin.hpp refuses those.
  return fmt::format("{}={}; Path={}; Max-Age={}; HttpOnly; SameSite=Strict{}", name, value,
                     base_path_.empty() ? "/" : base_path_, max_age_seconds, secure_ ? "; Secure" : "");
}

std::optional<std::string> web_login::user_of(const web_request& request) const {
  std::string_view value = cookie_of(request, session_cookie);
  std::size_t last_dot = value.rfind('.');
  if (last_dot != std::string_view::npos) {
    std::string payload(value.substr(0, last_dot));
    std::size_t dot = payload.find('.');
    if (dot != std::string::npos && same_secret(signature(payload), value.substr(last_dot + 1))) {
      long expires = std::strtol(payload.c_str() + dot + 1, nullptr, 10);
      if (expires > now_seconds()) return from_hex(std::string_view(payload).substr(0, dot));
    }
  }
  if (!username_.empty() && same_secret(basic_credentials(request), username_ + ":" + password_)) return username_;
  return std::nullopt;
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

web_response web_login::submit(const web_request& request) const {
  form_fields form(request.body);
  std::string given = form.last("username").value_or("") + ":" + form.last("password").value_or("");
  if (username_.empty() || !same_secret(given, username_ + ":" + password_)) {
    web_response refused = redirect(base_path_ + "/login");
    refused.headers.emplace_back("Set-Cookie", cookie(message_cookie, "eInvalid+username+or+password", 60));
    return refused;
  }
  web_response welcome = redirect(base_path_ + "/");
  welcome.headers.emplace_back("Set-Cookie", cookie(session_cookie, session_value(username_), session_seconds));
  return welcome;
}

web_response web_login::logout() const {
  web_response bye = redirect(base_path_ + "/login");
  bye.headers.emplace_back("Set-Cookie", cookie(session_cookie, "", 0));
  return bye;
}

void web_login::apply(const login_request& login, web_response& response) const {
  if (!login.user.empty()) {
    response.headers.emplace_back("Set-Cookie", cookie(session_cookie, session_value(login.user), session_seconds));
  }
  if (!login.message.empty()) {
    std::string encoded = login.message_is_error ? "e" : "i";
    http::append_form_encoded(encoded, login.message);
    response.headers.emplace_back("Set-Cookie", cookie(message_cookie, encoded, 60));
  }
}

}  // namespace locustpp::web
