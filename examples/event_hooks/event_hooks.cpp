// Event hooks: a request listener that sees every request the users make,
// successes and failures alike (Locust's @events.request.add_listener).
// Build: locustpp_add_plugin(event_hooks event_hooks.cpp)
// Run:   locustpp -f event_hooks.so --headless -u 2 -r 2 -t 5s -H http://127.0.0.1:8080
//
// Prints, for each request:
//   Request succeeded: GET / (200, 12 bytes) in 0.8 ms
//   Request failed: GET /status/500 (HTTPError('500 Server Error: INTERNAL SERVER ERROR for url: /status/500')) in 0.6 ms
#include <locustpp/locustpp.hpp>

#include <cstdio>
#include <string>

namespace {

std::string text(locustpp_string value) { return std::string(locustpp::from_abi(value)); }

// Request listeners run on the thread of the user that made the request,
// several at once: one printf per line keeps lines whole.
void print_request(const locustpp_request_event& request) {
  std::string method = text(request.request_type);
  std::string name = text(request.name);
  if (request.exception.size > 0) {
    std::printf("Request failed: %s %s (%s) in %.1f ms\n", method.c_str(), name.c_str(),
                text(request.exception).c_str(), request.response_time_ms);
  } else {
    int status = request.response != nullptr ? request.response->status : 0;
    std::printf("Request succeeded: %s %s (%d, %llu bytes) in %.1f ms\n", method.c_str(), name.c_str(), status,
                static_cast<unsigned long long>(request.response_length), request.response_time_ms);
  }
  std::fflush(stdout);
}

struct website_user : locustpp::http_user {
  locustpp::task<> index() { co_await client.get("/"); }
  locustpp::task<> broken() { co_await client.get("/status/500"); }
};

}  // namespace

LOCUSTPP_MODULE("io.locustpp.examples.event_hooks", "Event hooks", "1.0.0",
                "A request listener printing every success and failure") {
  module.on_request(print_request);
  module.user<website_user>("WebsiteUser")
      .host("http://127.0.0.1:8080")
      .wait_time(locustpp::between(0.1, 0.3))
      .task("index", &website_user::index, 2)
      .task("broken", &website_user::broken, 1);
}
