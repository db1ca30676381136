// No mistake: must build (so that the others fail for their own reason).
#include <locustpp/locustpp.hpp>

struct shopper : locustpp::http_user {
  locustpp::task<> browse() { co_await client.get("/"); }
};

LOCUSTPP_MODULE("dev.example.fine", "Fine", "1.0", "") {
  module.user<shopper>("Shopper").task("browse", &shopper::browse, 3);
}
