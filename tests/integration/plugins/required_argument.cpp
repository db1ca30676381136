// Test plugin: an argument that must be given (is_required, no default).
#include <locustpp/locustpp.hpp>

#include <cstdio>

namespace {

struct visitor : locustpp::http_user {
  locustpp::task<> index() { co_await client.get("/"); }
};

}  // namespace

LOCUSTPP_MODULE("io.locustpp.tests.required_argument", "Required argument", "1.0.0", "Needs --api-key") {
  locustpp::argument_spec api_key;
  api_key.name = "--api-key";
  api_key.help = "Key for the API under test";
  api_key.env_var = "API_KEY";
  api_key.is_required = true;
  module.argument(api_key);
  module.on_test_start([] {
    std::printf("api key has %zu characters\n", locustpp::option("api-key").size());
    std::fflush(stdout);
  });
  module.user<visitor>("Visitor").wait_time(locustpp::constant(0.1)).task("index", &visitor::index);
}
