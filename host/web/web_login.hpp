// Login for the web UI (--web-login with a module's login page, or
// --web-auth user:pass): a session in a signed, HttpOnly, SameSite=Strict
// cookie; the login page; which requests may pass without a session. Scripts may send
// --web-auth's credentials as HTTP Basic instead, as with Locust 2.12.
//
// The signing key is random per process: sessions end with it.
// Control thread only.
#pragma once

#include <array>
#include <optional>
#include <string>
#include <vector>

#include "cli/run_options.hpp"
#include "web/ui_extensions.hpp"
#include "web/web_message.hpp"

namespace locustpp::web {

class web_login {
 public:
  static constexpr const char* session_cookie = "locustpp_session";
  static constexpr const char* message_cookie = "locustpp_login_message";

  // Throws cli::config_error for a --web-auth without ':' and for --web-login
  // when no module offers a login and --web-auth is not given.
  web_login(const cli::run_options& options, const ui_extensions& extensions, std::string base_path);

  bool enabled() const noexcept { return enabled_; }
  // The logged-in user of `request` (session cookie, or --web-auth's Basic credentials).
  std::optional<std::string> user_of(const web_request& request) const;
  // Requests served without a session: the login page and the module's login callbacks.
  bool exempt(const web_request& request) const;
  // Whether `path` is one of the module's login callbacks.
  bool is_callback(const std::string& path) const;

  web_response login_page(const web_request& request) const;
  web_response submit(const web_request& request) const;  // POST /login with --web-auth's form
  web_response logout() const;
  // After a module's route: the cookie for the user it logged in, and the login page's message.
  void apply(const login_request& login, web_response& response) const;

 private:
  std::string session_value(const std::string& user) const;
  std::string signature(const std::string& text) const;
  std::string cookie(const std::string& name, const std::string& value, long max_age_seconds) const;

  bool enabled_ = false;
  bool secure_ = false;                 // HTTPS: cookies only over it
  std::string username_, password_;     // --web-auth; empty = not given
  std::string auth_args_;               // the module's login offer (JSON) under --web-login, or ""
  std::vector<std::string> callbacks_;  // its callback routes (exempt from the login)
  std::string base_path_;
  std::array<unsigned char, 32> key_{};
};

}  // namespace locustpp::web
