// A task taken from another class than the user being declared.
#include <locustpp/locustpp.hpp>

struct admin : locustpp::http_user {
  locustpp::task<> audit() { co_await client.get("/audit"); }
};
struct shopper : locustpp::http_user {
  locustpp::task<> browse() { co_await client.get("/"); }
};

LOCUSTPP_MODULE("dev.example.foreign", "Foreign member", "1.0", "") {
  module.user<shopper>("Shopper").task("audit", &admin::audit);
}
