// Test plugin for the web UI tests: a user class to run, and web routes that
// answer JSON, echo what they got, serve a prefix, and fail.
#include <locustpp/locustpp.hpp>

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
  module.on_reset_stats([] { locustpp::log(LOCUSTPP_LOG_INFO, "reset_stats fired"); });
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
  module.route("GET", "/boom", [](const locustpp::web_request&, const locustpp::web_response&) {
    throw std::runtime_error("the route broke on purpose");
  });
}
