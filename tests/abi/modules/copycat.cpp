// Must be refused when loaded after good.so: it declares a user class that
// module already declared. The run goes on without it.
#include <locustpp/locustpp.hpp>

struct copy_user : locustpp::http_user {
  locustpp::task<> hit() { co_await client.get("/copy"); }
};

LOCUSTPP_MODULE("io.locustpp.tests.abi.copycat", "Copycat", "1.0.0", "Declares a class another module declared") {
  module.user<copy_user>("Good").task("hit", &copy_user::hit);
}
