// Adding a web route (Locust's "Adding Web Routes"): GET /added_page answers
// JSON about the running test, from the same environment a task sees.
// Build: locustpp_add_plugin(web_route web_route.cpp)
// Run:   locustpp -f web_route.so -H http://127.0.0.1:8080
//        curl http://127.0.0.1:8089/added_page
#include <locustpp/locustpp.hpp>

#include <string>

namespace {

const char* state_name(std::uint32_t state) {
  switch (state) {
    case LOCUSTPP_STATE_SPAWNING:
      return "spawning";
    case LOCUSTPP_STATE_RUNNING:
      return "running";
    case LOCUSTPP_STATE_STOPPING:
      return "stopping";
    case LOCUSTPP_STATE_STOPPED:
      return "stopped";
    default:
      return "ready";
  }
}

void added_page(const locustpp::web_request&, const locustpp::web_response& response) {
  const auto& env = locustpp::env();
  std::uint64_t requests = 0;
  if (auto total = env.total()) requests = total->num_requests;
  response.header("Content-Type", "application/json");
  response.write("{\"state\": \"" + std::string(state_name(env.state())) + "\", \"user_count\": " +
                 std::to_string(env.user_count()) + ", \"requests\": " + std::to_string(requests) + "}");
}

struct website_user : locustpp::http_user {
  locustpp::task<> index() { co_await client.get("/"); }
};

}  // namespace

LOCUSTPP_MODULE("io.locustpp.examples.web_route", "Web route", "1.0.0", "A web route answering JSON") {
  module.route("GET", "/added_page", added_page);
  module.user<website_user>("WebsiteUser").wait_time(locustpp::constant(0.1)).task("index", &website_user::index);
}
