// Test plugin: the locustpp side of the drop-in comparison with Locust
// (locust_compat_test.cpp), the same classes, tasks, weights and waits as
// locust/compat_locustfile.py.
#include <locustpp/locustpp.hpp>

namespace {

struct shopper : locustpp::http_user {
  locustpp::task<> index() { co_await client.get("/"); }
  locustpp::task<> missing() {
    auto response = co_await client.get("/status/500", {.catch_response = true});
    if (response.status() == 500) response.failure("got 500");
  }
};

struct admin : locustpp::http_user {
  locustpp::task<> audit() { co_await client.get("/bytes/100"); }
};

}  // namespace

LOCUSTPP_MODULE("dev.locustpp.tests.compat", "Compat", "1.0.0", "The scenario of compat_locustfile.py") {
  module.user<shopper>("Shopper")
      .wait_time(locustpp::constant(0.05))
      .task("index", &shopper::index, 3)
      .task("missing", &shopper::missing, 1);
  module.user<admin>("Admin").weight(2).wait_time(locustpp::constant(0.1)).task("audit", &admin::audit);
}
