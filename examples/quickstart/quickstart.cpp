// Quick start: a user that logs in once, then browses the demo target.
// Build: locustpp_add_plugin(quickstart quickstart.cpp)
// Run:   locustpp -f quickstart.so --headless -u 10 -r 5 -t 10s
#include <locustpp/locustpp.hpp>

struct visitor : locustpp::http_user {
  locustpp::task<> on_start() {
    co_await client.post("/login", {.json = R"({"username": "demo", "password": "secret"})"});
  }
  locustpp::task<> index() { co_await client.get("/"); }
  locustpp::task<> item() { co_await client.get("/bytes/512", {.name = "/bytes/[n]"}); }
  locustpp::task<> slow() { co_await client.get("/delay/20", {.name = "/delay/[ms]"}); }
};

LOCUSTPP_MODULE("io.locustpp.examples.quickstart", "Quickstart", "1.0.0", "Logs in, then browses the demo target") {
  module.user<visitor>("Visitor")
      .host("http://127.0.0.1:8080")  // the demo target's default port
      .wait_time(locustpp::between(0.05, 0.2))
      .task("index", &visitor::index, 3)
      .task("item", &visitor::item, 2)
      .task("slow", &visitor::slow, 1);
}
