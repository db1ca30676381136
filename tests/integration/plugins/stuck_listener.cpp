// Test plugin: a test_start listener that never returns, so the control
// thread is held by plugin code (the spin ends by itself after two minutes,
// so nothing spins forever even if the host failed to end the process).
#include <locustpp/locustpp.hpp>

#include <chrono>
#include <cstdio>

namespace {

struct idle : locustpp::http_user {
  locustpp::task<> work() { co_await sleep(1); }
};

}  // namespace

LOCUSTPP_MODULE("dev.locustpp.tests.stuck_listener", "Stuck listener", "1.0.0", "A listener that never returns") {
  module.on_test_start([] {
    std::puts("test_start listener spins");
    std::fflush(stdout);
    auto give_up = std::chrono::steady_clock::now() + std::chrono::minutes(2);
    while (std::chrono::steady_clock::now() < give_up) {
    }
  });
  module.user<idle>("Idle").task("work", &idle::work);
}
