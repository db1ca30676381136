// Memory benchmark user: GET / then wait 5-10 s, so that 20,000 users are
// mostly idle and the run measures the per-user footprint (coroutine frame,
// user object, keep-alive connection), not throughput.
// Used by `bench/run.sh memory`.
#include <locustpp/locustpp.hpp>

struct idle_user : locustpp::http_user {
  locustpp::task<> index() { co_await client.get("/"); }
};

LOCUSTPP_MODULE("io.locustpp.bench.idle", "Bench (idle)", "1.0.0", "GET / every 5-10 s") {
  module.user<idle_user>("Idle").wait_time(locustpp::between(5, 10)).task("index", &idle_user::index);
}
