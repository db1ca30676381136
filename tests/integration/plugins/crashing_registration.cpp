// Test plugin: a module whose registration crashes the process.
#include <locustpp/locustpp.hpp>

namespace {
struct never : locustpp::http_user {
  locustpp::task<> nothing() { co_return; }
};
}  // namespace

LOCUSTPP_MODULE("dev.locustpp.tests.crashing_registration", "Crashing registration", "1.0.0",
                "Crashes while it registers") {
  // Unmapped but not null: UBSan would stop a null store before it happens.
  volatile int* volatile nowhere = reinterpret_cast<volatile int*>(16);
  *nowhere = 42;
  module.user<never>("Never").task("nothing", &never::nothing);
}
