// Twin modules: both define the same internal names (twin_label,
// twin_user). Hidden visibility and RTLD_LOCAL keep each module on its own.
#include <locustpp/locustpp.hpp>

#include <string>

std::string twin_label() { return "/twin-b"; }

struct twin_user : locustpp::http_user {
  locustpp::task<> hit() { co_await client.get(twin_label()); }
};

LOCUSTPP_MODULE("io.locustpp.tests.abi.twin_b", "Twin b", "1.0.0", "Same symbols as its twin") {
  module.user<twin_user>("Twin_b").wait_time(locustpp::constant(0.01)).task("hit", &twin_user::hit);
}
