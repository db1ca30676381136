// Throughput benchmark user: GET / with no think time (closed loop, like one
// wrk connection). Used by `bench/run.sh throughput`.
#include <locustpp/locustpp.hpp>

struct hello_user : locustpp::http_user {
  locustpp::task<> index() { co_await client.get("/"); }
};

LOCUSTPP_MODULE("io.locustpp.bench.hello", "Bench", "1.0.0", "GET / as fast as possible") {
  module.user<hello_user>("Hello").wait_time(locustpp::constant(0)).task("index", &hello_user::index);
}
