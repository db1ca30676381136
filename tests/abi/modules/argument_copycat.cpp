// Loaded after abi_1_0_module.so, it declares an argument that module
// already declared: no command line can serve both, so the process ends
// before any test, naming both modules.
#include <locustpp/locustpp.hpp>

struct copy_user : locustpp::http_user {
  locustpp::task<> hit() { co_await client.get("/copy"); }
};

LOCUSTPP_MODULE("io.locustpp.tests.abi.argument_copycat", "Argument copycat", "1.0.0",
                "Declares an argument another module declared") {
  module.argument({.name = "--abi-1-0-greeting", .help = "taken already"});
  module.user<copy_user>("Copy").task("hit", &copy_user::hit);
}
