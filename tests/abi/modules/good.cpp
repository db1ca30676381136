// A well-formed module: one user that GETs "/good".
#include <locustpp/locustpp.hpp>

struct good_user : locustpp::http_user {
  locustpp::task<> hit() { co_await client.get("/status/200?module=good", {.name = "/good"}); }
};

LOCUSTPP_MODULE("io.locustpp.tests.abi.good", "Good", "1.0.0", "Loads and runs") {
  module.user<good_user>("Good").wait_time(locustpp::constant(0.01)).task("hit", &good_user::hit);
}
