// Test plugin: tasks that end the process from plugin code, to check that
// the host names the module and the task, and leaves no output file empty:
//   Crasher  a write through an unmapped pointer (SIGSEGV)
//   Exiter   exit(3) on its 30th run (after about 1.5 s of requests)
//   Aborter  abort() (SIGABRT) likewise
#include <locustpp/locustpp.hpp>

#include <cstdlib>

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

// Runs left before the end: time enough for the outputs to be written a few times.
constexpr int runs_before_the_end = 30;

struct exiter : locustpp::http_user {
  int runs = 0;
  locustpp::task<> leave() {
    co_await client.get("/");
    if (++runs == runs_before_the_end) std::exit(3);
  }
};

struct aborter : locustpp::http_user {
  int runs = 0;
  locustpp::task<> give_up() {
    co_await client.get("/");
    if (++runs == runs_before_the_end) std::abort();
  }
};

}  // namespace

LOCUSTPP_MODULE("dev.locustpp.tests.crashing", "Crashing", "1.0.0", "Tasks that end the process") {
  module.user<crasher>("Crasher").task("crash", &crasher::crash);
  module.user<exiter>("Exiter").wait_time(locustpp::constant(0.05)).task("leave", &exiter::leave);
  module.user<aborter>("Aborter").wait_time(locustpp::constant(0.05)).task("give_up", &aborter::give_up);
}
