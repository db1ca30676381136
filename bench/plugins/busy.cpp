// Generator-bound benchmark user: GET / then some CPU work of its own (a
// fixed number of xorshift rounds, about 0.1 ms here), as test logic that
// parses, checks or builds data costs. Used by `bench/run.sh processes` to
// show how --processes scales a generator whose own work is the bottleneck.
#include <locustpp/locustpp.hpp>

#include <atomic>
#include <cstdint>

namespace {

constexpr std::uint64_t work_rounds = 60'000;
std::atomic<std::uint64_t> sink{0};  // keeps the work from being optimised away

void client_work() {
  std::uint64_t x = 0x9E3779B97F4A7C15ULL ^ sink.load(std::memory_order_relaxed);
  for (std::uint64_t i = 0; i < work_rounds; ++i) {
    x ^= x << 13;
    x ^= x >> 7;
    x ^= x << 17;
  }
  sink.store(x, std::memory_order_relaxed);
}

struct busy_user : locustpp::http_user {
  locustpp::task<> index() {
    co_await client.get("/");
    client_work();
  }
};

}  // namespace

LOCUSTPP_MODULE("io.locustpp.bench.busy", "Bench", "1.0.0", "GET / and 0.1 ms of client-side work") {
  module.user<busy_user>("Busy").wait_time(locustpp::constant(0)).task("index", &busy_user::index);
}
