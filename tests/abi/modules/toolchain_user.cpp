// One module, built with every supported toolchain (g++/libstdc++,
// clang++/libstdc++, clang++/libc++ through locustpp_add_plugin): exceptions
// thrown and caught inside it, task control (interrupt, reschedule,
// StopUser) and an uncaught exception must behave the same with each, and
// the host must exit cleanly. Every step is a request event, so the
// statistics show what ran.
#include <locustpp/locustpp.hpp>

#include <stdexcept>
#include <string>

#ifndef TOOLCHAIN
#define TOOLCHAIN "gcc"
#endif

namespace {

struct custom_error : std::exception {
  const char* what() const noexcept override { return "custom error"; }
};

void report(locustpp_user* user, const std::string& name) {
  locustpp::fire_request(user, {.request_type = "STEP", .name = name, .response_time_ms = 1});
}

struct checkout : locustpp::task_set {
  locustpp::task<> pay() {
    report(handle(), "in-set");
    interrupt();
    co_return;
  }
};

struct behaves : locustpp::http_user {
  int visits = 0;
  locustpp::task<> catches() {
    try {
      throw std::runtime_error("runtime error from " TOOLCHAIN);
    } catch (const std::exception& caught) {
      report(handle(), std::string("caught: ") + caught.what());
    }
    try {
      throw custom_error{};
    } catch (const std::exception& caught) {
      report(handle(), std::string("caught: ") + caught.what());
    }
    co_await client.get("/status/200", {.name = "after-catch"});
  }
  locustpp::task<> reschedules() {
    report(handle(), "rescheduled");
    throw locustpp::reschedule_task{true};
  }
  locustpp::task<> stops() {
    if (++visits < 20) co_return;
    report(handle(), "stop-user");
    throw locustpp::stop_user{};
  }
  void on_stop() { report(handle(), "on-stop"); }
};

struct throws : locustpp::http_user {
  locustpp::task<> boom() {
    co_await client.get("/status/200", {.name = "before-boom"});
    throw std::runtime_error("runtime error from " TOOLCHAIN);
  }
};

}  // namespace

LOCUSTPP_MODULE("dev.locustpp.tests.toolchain." TOOLCHAIN, "Toolchain " TOOLCHAIN, "1.0.0",
                "Exceptions and task control in one toolchain") {
  module.user<behaves>("Behaves")
      .wait_time(locustpp::constant(0.005))
      .task("catches", &behaves::catches, 2)
      .task("reschedules", &behaves::reschedules)
      .task("stops", &behaves::stops)
      .task_set<checkout>("checkout", 1, [](auto& set) { set.task("pay", &checkout::pay); });
  module.user<throws>("Throws").wait_time(locustpp::constant(0.01)).task("boom", &throws::boom);
}
