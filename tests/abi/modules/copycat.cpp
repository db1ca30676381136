// Must be refused when loaded after good.so and abi_1_0_module.so: it
// declares a user class and an argument those modules already declared.
#include <locustpp/locustpp.hpp>

struct copy_user : locustpp::http_user {
  locustpp::task<> hit() { co_await client.get("/copy"); }
};

LOCUSTPP_MODULE("io.locustpp.tests.abi.copycat", "Copycat", "1.0.0", "Declares what others declared") {
  module.argument({.name = "--abi-1-0-greeting", .help = "taken already"});
  module.user<copy_user>("Good").task("hit", &copy_user::hit);
}
