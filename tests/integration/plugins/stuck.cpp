// Test plugin: plugin code that never yields — a loop without co_await in a
// task or in on_stop — beside a healthy user, and an on_stop that waits long
// but politely. Every spin ends by itself after two minutes, so nothing
// spins forever even if the host failed to leave it behind.
#include <locustpp/locustpp.hpp>

#include <chrono>

namespace {

void spin_without_yielding() {
  auto give_up = std::chrono::steady_clock::now() + std::chrono::minutes(2);
  while (std::chrono::steady_clock::now() < give_up) {
  }
}

struct healthy : locustpp::http_user {
  locustpp::task<> work() { co_await client.get("/"); }
};

struct spinner : locustpp::http_user {
  locustpp::task<> spin() {
    co_await client.get("/status/200?who=spinner", {.name = "spinner"});
    spin_without_yielding();
  }
};

struct spin_on_stop : locustpp::http_user {
  locustpp::task<> work() { co_await client.get("/"); }
  void on_stop() { spin_without_yielding(); }
};

struct slow_on_stop : locustpp::http_user {
  locustpp::task<> work() { co_await client.get("/"); }
  locustpp::task<> on_stop() { co_await sleep(60); }
};

}  // namespace

LOCUSTPP_MODULE("dev.locustpp.tests.stuck", "Stuck code", "1.0.0", "Plugin code that never yields") {
  module.user<healthy>("Healthy").wait_time(locustpp::constant(0.01)).task("work", &healthy::work);
  module.user<spinner>("Spinner").fixed_count(1).task("spin", &spinner::spin);
  module.user<spin_on_stop>("SpinOnStop").wait_time(locustpp::constant(0.01)).task("work", &spin_on_stop::work);
  module.user<slow_on_stop>("SlowOnStop").wait_time(locustpp::constant(0.01)).task("work", &slow_on_stop::work);
}
