// Test plugin: a load shape of two steps, 2 users then 4, that ends the test
// by itself after about 2.5 s. A background job prints the running user
// count four times a second ("USERS <seconds> <count>"), and a listener
// each completed ramp ("SPAWNED <count>").
#include <locustpp/locustpp.hpp>

#include <chrono>
#include <cstdio>
#include <optional>

namespace {

std::optional<locustpp::shape_target> two_steps(const locustpp::shape_state& now) {
  // Ticked about once a second (at ~0, 1, 2, 3 s): 2, 2, 4, stop.
  if (now.run_time < 1.5) return locustpp::shape_target{.users = 2, .spawn_rate = 10, .user_classes = {}};
  if (now.run_time < 2.5) return locustpp::shape_target{.users = 4, .spawn_rate = 10, .user_classes = {}};
  return std::nullopt;
}

locustpp::task<> sample_users(locustpp::background_job& job) {
  auto started = std::chrono::steady_clock::now();
  for (;;) {
    co_await job.sleep(0.25);
    double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    std::printf("USERS %.2f %llu\n", seconds, static_cast<unsigned long long>(locustpp::env().user_count()));
    std::fflush(stdout);
  }
}

struct stepper : locustpp::http_user {
  locustpp::task<> index() { co_await client.get("/"); }
};

}  // namespace

LOCUSTPP_MODULE("io.locustpp.tests.stepped_shape", "Stepped shape", "1.0.0", "2 users, then 4, then stop") {
  module.shape("two steps", two_steps);
  module.background("user sampler", sample_users);
  module.on_spawning_complete([](std::uint64_t users) {
    std::printf("SPAWNED %llu\n", static_cast<unsigned long long>(users));
    std::fflush(stdout);
  });
  module.user<stepper>("Stepper").wait_time(locustpp::constant(0.1)).task("index", &stepper::index);
}
