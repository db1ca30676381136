// A helper that can end without returning its value.
#include <locustpp/locustpp.hpp>

struct shopper : locustpp::http_user {
  int page = 0;
  const char* path() {
    if (++page % 2 == 0) return "/even";
  }
  locustpp::task<> browse() { co_await client.get(path()); }
};

LOCUSTPP_MODULE("dev.example.return", "Missing return", "1.0", "") {
  module.user<shopper>("Shopper").task("browse", &shopper::browse);
}
