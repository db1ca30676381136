// Test plugin for the controller's unit tests: users that send nothing
// (no target needed) and differ only in how they end.
#include <locustpp/locustpp.hpp>

#include <atomic>

namespace {

// Runs until it is stopped.
struct idler : locustpp::user {
  locustpp::task<> idle() { co_await sleep(0.02); }
};

// The first user of this class in a test ends itself after its first task
// (Locust's StopUser); every later one runs until it is stopped.
std::atomic<int> made_quitters{0};
struct first_quits : locustpp::user {
  bool quits = made_quitters.fetch_add(1) == 0;
  locustpp::task<> idle() {
    co_await sleep(0.02);
    if (quits) throw locustpp::stop_user{};
  }
};

}  // namespace

LOCUSTPP_MODULE("io.locustpp.tests.pool_users", "Pool users", "1.0.0", "Users for the controller's unit tests") {
  module.user<idler>("Idler").task("idle", &idler::idle);
  module.on_test_start([] { made_quitters = 0; });
  module.user<first_quits>("FirstQuits").fixed_count(1).task("idle", &first_quits::idle);
}
