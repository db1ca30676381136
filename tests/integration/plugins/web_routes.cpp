// Test plugin for the web UI tests: a user class to run, and web routes that
// answer JSON, echo what they got, serve a prefix, fail, and answer what
// HTTP cannot carry.
#include <locustpp/locustpp.hpp>

#include <map>
#include <mutex>
#include <stdexcept>
#include <string>

namespace {

struct browsing_user : locustpp::http_user {
  locustpp::task<> index() { co_await client.get("/"); }
  locustpp::task<> item() { co_await client.get("/bytes/10", {.name = "/item"}); }
};

std::string header_of(const locustpp::web_request& request, std::string_view name) {
  for (std::uint32_t i = 0; i < request.raw->header_count; ++i) {
    const locustpp_pair& pair = request.raw->headers[i];
    if (std::string_view(pair.key.data, pair.key.size) == name) return std::string(pair.value.data, pair.value.size);
  }
  return "";
}

// Requests per name, shown in the "Names" tab (an extension table), cleared on reset_stats.
std::mutex names_lock;
std::map<std::string, std::uint64_t> names_seen;

void publish_names() {
  std::string rows = "[";
  for (const auto& [name, count] : names_seen) {
    if (rows.size() > 1) rows += ",";
    rows += "{\"name\":" + locustpp::web_ui::json_string(name) + ",\"count\":" + std::to_string(count) + "}";
  }
  locustpp::web_ui::publish_rows("names", rows + "]");
}

void redirect(const locustpp::web_response& response, const std::string& to) {
  response.status(302);
  response.header("Location", to);
}

}  // namespace

LOCUSTPP_MODULE("io.locustpp.tests.web_routes", "WebRoutes", "1.0.0", "Web UI test routes") {
  module.user<browsing_user>("Browser")
      .wait_time(locustpp::constant(0.01))
      .task("index", &browsing_user::index, 2)
      .task("item", &browsing_user::item, 1);
  module.user<browsing_user>("Other")
      .weight(1)
      .wait_time(locustpp::constant(0.01))
      .task("index", &browsing_user::index);
  locustpp::argument_spec greeting;
  greeting.name = "--greeting";
  greeting.default_value = "hello";
  greeting.choices = {"hello", "hola", "salut"};
  greeting.help = "How users greet";
  module.argument(greeting);
  locustpp::argument_spec token;
  token.name = "--api-token";
  token.default_value = "s3cret-default";
  token.is_secret = true;
  module.argument(token);
  locustpp::argument_spec hidden;
  hidden.name = "--not-in-ui";
  hidden.include_in_web_ui = false;
  module.argument(hidden);
  // What the next test will read: the start form may have changed it.
  module.on_test_start([] {
    std::string token_value = locustpp::option<std::string>("api-token").value_or("");
    locustpp::log(LOCUSTPP_LOG_INFO, "test_start greeting=" + locustpp::option<std::string>("greeting").value_or("") +
                                         " token-length=" + std::to_string(token_value.size()));
  });
  module.on_reset_stats([] {
    locustpp::log(LOCUSTPP_LOG_INFO, "reset_stats fired");
    std::lock_guard guard(names_lock);
    names_seen.clear();
    publish_names();
  });
  locustpp::web_ui::add_tab("names", "Names", {{"name", "Name"}, {"count", "Requests"}});
  locustpp::web_ui::add_download("/names/csv", "Names CSV");
  module.on_request([](const locustpp_request_event& request) {
    std::lock_guard guard(names_lock);
    ++names_seen[std::string(locustpp::from_abi(request.name))];
    publish_names();
  });
  module.route("GET", "/names/csv", [](const locustpp::web_request&, const locustpp::web_response& response) {
    response.header("Content-Type", "text/csv");
    std::lock_guard guard(names_lock);
    std::string csv = "name,count\n";
    for (const auto& [name, count] : names_seen) csv += name + "," + std::to_string(count) + "\n";
    response.write(csv);
  });
  // A login offer for --web-login: any user with the password "letmein", or the fake single sign-on.
  locustpp::web_ui::set_login(R"({"username_password_callback": "/login_submit", "title": "Web routes test",)"
                              R"( "auth_providers": [{"label": "Fake SSO", "callback_url": "/login/sso"}]})");
  module.route("POST", "/login_submit",
               [](const locustpp::web_request& request, const locustpp::web_response& response) {
                 if (locustpp::form_value(request.body, "password") == "letmein") {
                   locustpp::web_ui::log_in(response, locustpp::form_value(request.body, "username"));
                   redirect(response, "/");
                 } else {
                   locustpp::web_ui::login_message(response, "Wrong password");
                   redirect(response, "/login");
                 }
               });
  module.route("GET", "/login/sso", [](const locustpp::web_request&, const locustpp::web_response& response) {
    locustpp::web_ui::log_in(response, "sso-user");
    redirect(response, "/");
  });
  module.route("GET", "/hello", [](const locustpp::web_request& request, const locustpp::web_response& response) {
    response.header("Content-Type", "application/json");
    response.write(R"({"hello": "world", "query": ")" + std::string(request.query) + "\"}");
  });
  module.route("POST", "/echo", [](const locustpp::web_request& request, const locustpp::web_response& response) {
    response.status(201);
    response.header("Content-Type", "text/plain");
    response.header("X-Seen-Header", header_of(request, "X-Test"));
    response.write(request.body);
  });
  module.route(
      "GET", "/files",
      [](const locustpp::web_request& request, const locustpp::web_response& response) {
        response.header("Content-Type", "text/csv");
        response.write("path\n" + std::string(request.path) + "\n");
      },
      true);
  // A route group with its own prefix and static files (Flask's Blueprint), from --static-dir.
  locustpp::argument_spec static_dir;
  static_dir.name = "--static-dir";
  static_dir.include_in_web_ui = false;
  module.argument(static_dir);
  locustpp::route_group group(module, "/group");
  group.route("GET", "/hello", [](const locustpp::web_request& request, const locustpp::web_response& response) {
    response.write("group hello at " + std::string(request.path));
  });
  group.route(
      "GET", "/static",
      [](const locustpp::web_request& request, const locustpp::web_response& response) {
        std::string folder = locustpp::option<std::string>("static-dir").value_or("");
        locustpp::static_files_handler("/group/static", folder)(request, response);
      },
      true);
  // Answers HTTP cannot carry: the host answers 500 naming this module instead.
  module.route("GET", "/status-1000", [](const locustpp::web_request&, const locustpp::web_response& response) {
    response.status(1000);
    response.write("never sent");
  });
  module.route("GET", "/huge-header", [](const locustpp::web_request&, const locustpp::web_response& response) {
    response.header("X-Huge", std::string(70u << 10, 'x'));
  });
  module.route("GET", "/split-header", [](const locustpp::web_request&, const locustpp::web_response& response) {
    response.header("X-Split", "a\r\nSet-Cookie: injected=1");
  });
  module.route("GET", "/boom", [](const locustpp::web_request&, const locustpp::web_response&) {
    throw std::runtime_error("the route broke on purpose");
  });
}
