// The login page: a plain server-rendered form (it must work before any
// session, so it needs none of the page's assets). What it offers comes from
// a module's auth_args (username/password callback, a custom form, provider
// buttons), or --web-auth's built-in form.
#pragma once

#include <string>

namespace locustpp::web {

struct login_page_content {
  std::string auth_args_json;  // "" = none
  std::string base_path;       // "" or "/locust"
  bool built_in_form = false;  // --web-auth: username/password to POST /login
  std::string message;         // "e..." an error, "i..." an information, "" none
};

std::string render_login_page(const login_page_content& content);

}  // namespace locustpp::web
