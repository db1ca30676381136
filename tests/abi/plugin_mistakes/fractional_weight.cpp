// A task weight of 2.5: Locust's weights are whole numbers.
#include <locustpp/locustpp.hpp>

struct shopper : locustpp::http_user {
  locustpp::task<> browse() { co_await client.get("/"); }
};

LOCUSTPP_MODULE("dev.example.weight", "Fractional weight", "1.0", "") {
  module.user<shopper>("Shopper").task("browse", &shopper::browse, 2.5);
}
