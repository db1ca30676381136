// Test plugin: load shapes that end the test by themselves, chosen with
// --shape: "up" is 2 users then 4 (stops after about 2.5 s), "down" is 4
// users then 1 (stops after about 2.5 s). A background job prints the
// running user count four times a second ("USERS <seconds> <count>"), a
// listener each completed ramp ("SPAWNED <count>"), and every user's
// on_start and on_stop make a request ("started", "retired").
#include <locustpp/locustpp.hpp>

#include <chrono>
#include <cstdio>
#include <optional>

namespace {

// Ticked about once a second (at ~0, 1, 2, 3 s): first, first, then, stop.
std::optional<locustpp::shape_target> two_steps(const locustpp::shape_state& now) {
  bool down = locustpp::option("shape") == "down";
  if (now.run_time < 1.5) return locustpp::shape_target{.users = down ? 4u : 2u, .spawn_rate = 10, .user_classes = {}};
  if (now.run_time < 2.5) return locustpp::shape_target{.users = down ? 1u : 4u, .spawn_rate = 10, .user_classes = {}};
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

struct walker : locustpp::http_user {
  locustpp::task<> on_start() { co_await client.get("/status/200?step=start", {.name = "started"}); }
  locustpp::task<> on_stop() { co_await client.get("/status/200?step=stop", {.name = "retired"}); }
  locustpp::task<> walk() { co_await client.get("/"); }
};

}  // namespace

LOCUSTPP_MODULE("io.locustpp.tests.shapes", "Shapes", "1.0.0", "Two-step load shapes, up or down") {
  module.argument({.name = "--shape",
                   .default_value = "up",
                   .help = "up: 2 then 4 users; down: 4 then 1",
                   .choices = {"up", "down"}});
  module.shape("two steps", two_steps);
  module.background("user sampler", sample_users);
  module.on_spawning_complete([](std::uint64_t users) {
    std::printf("SPAWNED %llu\n", static_cast<unsigned long long>(users));
    std::fflush(stdout);
  });
  module.user<walker>("Walker").wait_time(locustpp::constant(0.1)).task("walk", &walker::walk);
}
