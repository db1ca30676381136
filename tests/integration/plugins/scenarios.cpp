// Test plugin for the integration tests: one user class per scenario; a
// test picks its class by name (locustpp's positional user classes).
#include <locustpp/locustpp.hpp>

#include <stdexcept>
#include <string>

namespace {

struct counting_user : locustpp::http_user {
  locustpp::task<> index() { co_await client.get("/"); }
  locustpp::task<> bytes() { co_await client.get("/bytes/100", {.name = "/bytes"}); }
};

// catch_response: a 404 declared a success, a 200 declared a failure.
struct catching_user : locustpp::http_user {
  locustpp::task<> expected_404() {
    auto r = co_await client.get("/status/404", {.catch_response = true});
    if (r.status() == 404) r.success();
  }
  locustpp::task<> rejected_200() {
    auto r = co_await client.get("/", {.catch_response = true});
    if (r.status() == 200) r.failure("got 200, wanted teapot");
  }
  // As in Locust, the last decision counts; the next request lets the first
  // response go while it is still in scope.
  locustpp::task<> changes_its_mind() {
    auto first = co_await client.get("/status/500", {.name = "mind-success", .catch_response = true});
    first.failure("first thought");
    first.success();
    auto second = co_await client.get("/", {.name = "mind-failure", .catch_response = true});
    second.success();
    second.failure("second thought");
  }
};

struct closed_port_user : locustpp::http_user {
  locustpp::task<> refused() { co_await client.get("http://127.0.0.1:1/nothing-here", {.name = "closed"}); }
};

struct redirect_user : locustpp::http_user {
  locustpp::task<> follow() {
    auto r = co_await client.get("/redirect/3");
    if (r.status() != 200 || r.text() != "redirected\n") throw std::runtime_error("redirect not followed");
  }
  locustpp::task<> keep() {
    auto r = co_await client.get("/redirect/1", {.name = "no-follow", .allow_redirects = false});
    if (r.status() != 302) throw std::runtime_error("expected the 302 itself");
  }
};

struct cookie_user : locustpp::http_user {
  locustpp::task<> on_start() { co_await client.get("/cookies/set?session=abc123"); }
  locustpp::task<> check() { co_await client.get("/cookies/check?session=abc123", {.name = "check"}); }
};

struct timeout_user : locustpp::http_user {
  locustpp::task<> slow() { co_await client.get("/delay/3000", {.name = "slow", .timeout = 0.3}); }
};

struct throwing_user : locustpp::http_user {
  locustpp::task<> boom() {
    co_await client.get("/");
    throw std::runtime_error("boom from task");
  }
};

struct body_user : locustpp::http_user {
  locustpp::task<> big() {
    auto r = co_await client.get("/bytes/3000000", {.name = "big"});
    if (r.text().size() != 3000000) throw std::runtime_error("big body truncated");
  }
  locustpp::task<> chunked() {
    auto r = co_await client.get("/chunked/100000", {.name = "chunked"});
    if (r.text().size() != 100000) throw std::runtime_error("chunked body wrong size");
  }
  locustpp::task<> echo() {
    // A named options object: GCC 12 miscompiles braced lists nested
    // inside a co_await expression ("array used as initializer").
    locustpp::request_options options{.name = "echo", .json = R"({"k":1})"};
    options.headers = {{"X-Test", "yes"}};
    options.query = {{"q", "a b&c"}};
    auto r = co_await client.post("/echo", options);
    std::string_view text = r.text();
    if (text.find("\"x-test\"") == std::string_view::npos && text.find("\"X-Test\"") == std::string_view::npos)
      throw std::runtime_error("header missing in echo: " + std::string(text));
    if (text.find("q=a+b%26c") == std::string_view::npos) throw std::runtime_error("query missing: " + std::string(text));
    if (text.find(R"({\"k\":1})") == std::string_view::npos) throw std::runtime_error("body missing: " + std::string(text));
  }
};

// Credentials come from the host URL (-H http://user:pw@host:port).
struct basic_auth_user : locustpp::http_user {
  locustpp::task<> login() { co_await client.get("/basic-auth/alice/s3cret", {.name = "basic-auth"}); }
};

// The classic mistake: an id in every request name (1,200 distinct names).
struct many_names_user : locustpp::http_user {
  int next_item = 0;
  std::string name;
  locustpp::task<> item() {
    name = "/item/" + std::to_string(next_item++ % 1200);
    co_await client.get("/", {.name = name});
  }
};

// Reports the address the target saw this user's connection come from, as a
// "PEER" request named by it (for --source-addresses).
struct peer_user : locustpp::http_user {
  locustpp::task<> peer() {
    auto r = co_await client.get("/peer");
    locustpp::request_report report;
    report.request_type = "PEER";
    report.name = r.text();
    report.response_time_ms = 0;
    locustpp::fire_request(handle(), report);
  }
};

}  // namespace

LOCUSTPP_MODULE("io.locustpp.tests.scenarios", "Scenarios", "1.0.0", "Integration test scenarios") {
  module.user<counting_user>("Counting").wait_time(locustpp::constant(0)).task("index", &counting_user::index, 3)
      .task("bytes", &counting_user::bytes, 1);
  module.user<catching_user>("Catching").wait_time(locustpp::constant(0.01))
      .task("expected_404", &catching_user::expected_404).task("rejected_200", &catching_user::rejected_200)
      .task("changes_its_mind", &catching_user::changes_its_mind);
  module.user<closed_port_user>("ClosedPort").wait_time(locustpp::constant(0.05)).task("refused", &closed_port_user::refused);
  module.user<redirect_user>("Redirecting").wait_time(locustpp::constant(0.01))
      .task("follow", &redirect_user::follow).task("keep", &redirect_user::keep);
  module.user<cookie_user>("Cookies").wait_time(locustpp::constant(0.01)).task("check", &cookie_user::check);
  module.user<timeout_user>("Timeouts").wait_time(locustpp::constant(0)).task("slow", &timeout_user::slow);
  module.user<throwing_user>("Throwing").wait_time(locustpp::constant(0.05)).task("boom", &throwing_user::boom);
  module.user<body_user>("Bodies").wait_time(locustpp::constant(0.01)).task("big", &body_user::big)
      .task("chunked", &body_user::chunked).task("echo", &body_user::echo);
  module.user<many_names_user>("ManyNames").wait_time(locustpp::constant(0)).task("item", &many_names_user::item);
  module.user<peer_user>("Peers").wait_time(locustpp::constant(0.05)).task("peer", &peer_user::peer);
  module.user<basic_auth_user>("BasicAuth").wait_time(locustpp::constant(0.01)).task("login", &basic_auth_user::login);
}
