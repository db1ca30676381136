// A login page for the web UI (Locust's examples/web_ui_auth/custom_form.py
// and basic.py): run with --web-login and the UI asks for this module's form
// (an e-mail, a group, a password typed twice) or its single sign-on button;
// the module's routes decide and log the user in.
// Build: locustpp_add_plugin(web_ui_login web_ui_login.cpp)
// Run:   locustpp -f web_ui_login.so --web-login -H http://127.0.0.1:8080
#include <locustpp/locustpp.hpp>

#include <string>
#include <string_view>

namespace {

// A Location starting with "/" is under --web-base-path: the host adds it.
void go_to(const locustpp::web_response& response, const std::string& where) {
  response.status(302);
  response.header("Location", where);
}

void login_submit(const locustpp::web_request& request, const locustpp::web_response& response) {
  std::string username = locustpp::form_value(request.body, "username");
  std::string password = locustpp::form_value(request.body, "password");
  if (username.empty() || password.empty() || password != locustpp::form_value(request.body, "confirm_password")) {
    locustpp::web_ui::login_message(response, "Passwords do not match");
    return go_to(response, "/login");
  }
  locustpp::log(LOCUSTPP_LOG_INFO,
                "logged in: " + username + " (group " + locustpp::form_value(request.body, "user_group") + ")");
  locustpp::web_ui::log_in(response, username);
  go_to(response, "/");
}

void single_sign_on(const locustpp::web_request&, const locustpp::web_response& response) {
  locustpp::web_ui::log_in(response, "sso-user");  // a real one would check the provider's answer here
  go_to(response, "/");
}

struct website_user : locustpp::http_user {
  locustpp::task<> index() { co_await client.get("/"); }
};

}  // namespace

LOCUSTPP_MODULE("io.locustpp.examples.web_ui_login", "Web UI login", "1.0.0",
                "A custom login form and a single sign-on button for --web-login") {
  locustpp::web_ui::set_login(R"({
    "title": "Load test login",
    "custom_form": {
      "inputs": [
        {"label": "E-mail", "name": "username", "type": "email", "is_required": true},
        {"label": "Administrator", "name": "is_admin", "default_value": false},
        {"label": "Group", "name": "user_group", "choices": ["developers", "testers"]},
        {"label": "Password", "name": "password", "is_secret": true, "is_required": true},
        {"label": "Confirm password", "name": "confirm_password", "is_secret": true, "is_required": true}
      ],
      "callback_url": "/login_submit",
      "submit_button_text": "Log in"
    },
    "auth_providers": [{"label": "Single sign-on", "callback_url": "/login/sso"}]
  })");
  module.route("POST", "/login_submit", login_submit);
  module.route("GET", "/login/sso", single_sign_on);
  module.user<website_user>("WebsiteUser").wait_time(locustpp::constant(0.1)).task("index", &website_user::index);
}
