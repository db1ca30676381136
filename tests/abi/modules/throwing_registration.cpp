// Must be refused: its registration throws; the SDK turns that into an error.
#include <locustpp/locustpp.hpp>

#include <stdexcept>

struct never_user : locustpp::http_user {
  locustpp::task<> hit() { co_await client.get("/never"); }
};

LOCUSTPP_MODULE("io.locustpp.tests.abi.throwing", "Throwing", "1.0.0", "Throws while registering") {
  module.user<never_user>("Never").task("hit", &never_user::hit);
  throw std::runtime_error("registration exploded");
}
