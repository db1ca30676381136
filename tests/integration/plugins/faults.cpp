// Test plugin for the fault tests: users that keep requesting one path of
// the misbehaving server (--fault-path), alone or after a keep-alive /ok on
// the same connection.
#include <locustpp/locustpp.hpp>

#include <string>

namespace {

std::string fault_path() {
  return std::string(locustpp::option("fault-path"));
}

struct fault_user : locustpp::http_user {
  std::string path = fault_path();
  locustpp::task<> hit() { co_await client.get(path); }
};

// Reuses a kept-alive connection for the fault, the case where a client
// may retry once on a fresh connection.
struct after_ok_user : locustpp::http_user {
  std::string path = fault_path();
  locustpp::task<> ok_then_fault() {
    co_await client.get("/ok");
    co_await client.get(path);
  }
};

struct post_user : locustpp::http_user {
  std::string path = fault_path();
  locustpp::task<> post() { co_await client.post(path, {.body = "payload"}); }
};

// A header value that would inject a second header line.
struct injecting_user : locustpp::http_user {
  locustpp::task<> inject() {
    locustpp::request_options options{.name = "injected", .headers = {{"X-Evil", "a\r\nX-Injected: yes"}}};
    co_await client.get("/ok", options);
  }
};

// A path with characters a request target cannot carry as they are.
struct spaced_path_user : locustpp::http_user {
  locustpp::task<> spaced() { co_await client.get("/ok please/caf\xc3\xa9"); }
};

}  // namespace

LOCUSTPP_MODULE("dev.locustpp.tests.faults", "Fault tests", "1.0.0", "Requests one path of the fault server") {
  module.argument({.name = "--fault-path", .default_value = "/ok", .help = "the path every user requests"});
  module.user<fault_user>("Fault").task("hit", &fault_user::hit);
  module.user<after_ok_user>("AfterOk").task("ok_then_fault", &after_ok_user::ok_then_fault);
  module.user<post_user>("PostFault").task("post", &post_user::post);
  module.user<injecting_user>("InjectHeader").task("inject", &injecting_user::inject);
  module.user<spaced_path_user>("SpacedPath").task("spaced", &spaced_path_user::spaced);
}
