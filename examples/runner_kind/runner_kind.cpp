// Which runner am I? Listeners that do different work on a local runner, a
// master and a worker (Locust's isinstance(environment.runner, MasterRunner)).
// Build: locustpp_add_plugin(runner_kind runner_kind.cpp)
// Run:   locustpp -f runner_kind.so --headless -u 1 -t 3s -H http://127.0.0.1:8080
//
// A local run prints:
//   test_start on a local runner: setting up test data here
//   test_stop on a local runner: cleaning up test data here
#include <locustpp/locustpp.hpp>

#include <cstdio>

namespace {

const char* runner_name() {
  auto environment = locustpp::env();
  if (environment.is_master()) return "a master runner";
  if (environment.is_worker()) return "a worker runner";
  return "a local runner";
}

void say(const char* line) {
  std::puts(line);
  std::fflush(stdout);
}

void on_test_start() {
  auto environment = locustpp::env();
  std::printf("test_start on %s: ", runner_name());
  if (environment.is_master()) {
    say("preparing shared test data once, for every worker");  // workers run no setup of their own
  } else if (environment.is_worker()) {
    say("nothing to set up, the master did it");
  } else {
    say("setting up test data here");
  }
}

void on_test_stop() {
  auto environment = locustpp::env();
  std::printf("test_stop on %s: ", runner_name());
  if (environment.is_master()) {
    say("cleaning up the shared test data");
  } else if (environment.is_worker()) {
    say("nothing to clean up, the master does it");
  } else {
    say("cleaning up test data here");
  }
}

struct visitor : locustpp::http_user {
  locustpp::task<> index() { co_await client.get("/"); }
};

}  // namespace

LOCUSTPP_MODULE("io.locustpp.examples.runner_kind", "Runner kind", "1.0.0",
                "test_start/test_stop listeners that check the runner kind") {
  module.on_test_start(on_test_start);
  module.on_test_stop(on_test_stop);
  module.user<visitor>("Visitor")
      .host("http://127.0.0.1:8080")
      .wait_time(locustpp::constant(0.5))
      .task("index", &visitor::index);
}
