// Test plugin: a task that crashes the process (a write through a null
// pointer), to check that the crash report names the module and the task.
#include <locustpp/locustpp.hpp>

namespace {

void write_to_unmapped_memory() {
  // Unmapped but not null (UBSan would stop a null store before it
  // happens); volatile twice, so the store is really made.
  volatile int* volatile nowhere = reinterpret_cast<volatile int*>(16);
  *nowhere = 42;
}

struct crasher : locustpp::http_user {
  locustpp::task<> crash() {
    co_await client.get("/");
    write_to_unmapped_memory();
  }
};

}  // namespace

LOCUSTPP_MODULE("dev.locustpp.tests.crashing", "Crashing", "1.0.0", "A task that crashes") {
  module.user<crasher>("Crasher").task("crash", &crasher::crash);
}
