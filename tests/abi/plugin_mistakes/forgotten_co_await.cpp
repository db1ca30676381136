// The request is built but never sent: co_await is missing.
#include <locustpp/locustpp.hpp>

struct shopper : locustpp::http_user {
  locustpp::task<> browse() {
    client.get("/");
    co_return;
  }
};

LOCUSTPP_MODULE("dev.example.co_await", "Forgot co_await", "1.0", "") {
  module.user<shopper>("Shopper").task("browse", &shopper::browse);
}
