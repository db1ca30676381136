// Login for the web UI (--web-login with a module's login page, or
// --web-auth user:pass): sessions kept on the server (session_book) in
// signed, HttpOnly, SameSite=Strict cookies; failed logins slowed and
// logged (login_throttle); the login page; which requests may pass without
// a session. Scripts may send --web-auth's credentials as HTTP Basic
// instead, as with Locust 2.12.
//
// Sessions end with the process. Control thread only.
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "cli/run_options.hpp"
#include "runtime/log_throttle.hpp"
#include "web/login_throttle.hpp"
#include "web/session_book.hpp"
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
  // The logged-in user of `request` (an open session, or --web-auth's Basic
  // credentials). Counts nothing: for checks, not for admitting a request.
  std::optional<std::string> user_of(const web_request& request) const;

  // Admitting a request that needs a login: its user, if any, and how long
  // to hold the answer. Wrong Basic credentials count as a failed login; a
  // request with no credentials at all (a client's first, before it
  // answers a challenge) does not.
  struct admission {
    std::optional<std::string> user;
    std::chrono::milliseconds delay{0};
  };
  admission admit(const web_request& request);

  // Requests served without a session: the login page and the module's login callbacks.
  bool exempt(const web_request& request) const;
  // Whether `path` is one of the module's login callbacks.
  bool is_callback(const std::string& path) const;

  web_response login_page(const web_request& request) const;
  web_response submit(const web_request& request);  // POST /login with --web-auth's form
  web_response logout(const web_request& request);  // ends the request's session on the server too
  // After a module's login callback ran for `request`: the cookie for the
  // user it logged in, the login page's message, and the pause of a failed
  // login (an error message without a user).
  void apply(const web_request& request, const login_request& login, web_response& response);

 private:
  std::string cookie(const std::string& name, const std::string& value, long max_age_seconds) const;
  // A failed login from `request` as `user`: logged (once per 10 s), counted; how long to hold the answer.
  std::chrono::milliseconds failed(const web_request& request, std::string_view user);

  bool enabled_ = false;
  bool secure_ = false;                 // HTTPS: cookies only over it
  std::string username_, password_;     // --web-auth; empty = not given
  std::string auth_args_;               // the module's login offer (JSON) under --web-login, or ""
  std::vector<std::string> callbacks_;  // its callback routes (exempt from the login)
  std::string base_path_;
  session_book sessions_;
  login_throttle throttle_;
  runtime::log_throttle failure_log_{std::chrono::seconds(10)};
};

}  // namespace locustpp::web
