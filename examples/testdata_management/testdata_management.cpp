// Test data across the lifecycle of a run (Locust's test_data_management.py):
// where to fetch data once per process, once per test, once per user and
// once per task, and where to clean it up. Each point prints a line, in the
// order they happen:
//   1. init            the process is ready: fetch global test data
//   2. test_start      a test starts: fetch data for this test run
//   3. on_start        each user starts: log in, keep the user's data
//   4. task            each task: fetch data for this one request
//   5. test_stopping   the test is stopping: users get the stop signal
//   6. on_stop         each user stops: log out, drop the user's data
//   7. test_stop       every user has stopped: clean up the test's data
//   8. quitting        the process is about to print the final statistics
//   9. quit            the very end, with the exit code
// Build: locustpp_add_plugin(testdata_management testdata_management.cpp)
// Run:   locustpp -f testdata_management.so --headless -u 2 -r 2 -t 5s -s 3s -H http://127.0.0.1:8080
#include <locustpp/locustpp.hpp>

#include <atomic>
#include <cstdio>
#include <string>

namespace {

// Written by control-thread listeners while no user runs (init, test_start,
// test_stop), read by users in between: no lock needed for these two.
std::string global_test_data;
std::string test_run_data;

int test_runs = 0;  // control thread only
std::atomic<int> users_started{0};
std::atomic<int> tasks_run{0};

void say(const std::string& line) {
  std::puts(line.c_str());  // one call per line: users print from several threads
  std::fflush(stdout);
}

void on_init() {
  global_test_data = "catalog-v1";
  say("1. init: fetched global test data (" + global_test_data + ")");
}

void on_test_start() {
  test_run_data = "orders-" + std::to_string(++test_runs);
  say("2. test_start: fetched test run data (" + test_run_data + ")");
}

void on_test_stopping() { say("5. test_stopping: users are told to stop"); }

void on_test_stop() {
  say("7. test_stop: every user has stopped; cleaning up test run data (" + test_run_data + ")");
  test_run_data.clear();
}

void on_quitting() { say("8. quitting: about to print the final statistics"); }

void on_quit(int exit_code) { say("9. quit: exit code " + std::to_string(exit_code)); }

struct shopper : locustpp::http_user {
  int number = ++users_started;
  std::string session;  // user-specific test data

  locustpp::task<> on_start() {
    auto r = co_await client.post("/login", {.name = "/login", .json = R"({"username": "shopper", "password": "secret"})"});
    session = std::string(r.text());
    say("3. on_start: user " + std::to_string(number) + " logged in");
  }

  locustpp::task<> browse() {
    // Data for this one task; the user's and the test's are at hand too.
    int run = ++tasks_run;
    say("4. task: user " + std::to_string(number) + " runs task " + std::to_string(run) + " with " + global_test_data);
    co_await client.get("/delay/100", {.name = "/delay/[ms]"});
  }

  locustpp::task<> on_stop() {
    co_await client.get("/", {.name = "logout"});
    session.clear();
    say("6. on_stop: user " + std::to_string(number) + " logged out");
  }
};

}  // namespace

LOCUSTPP_MODULE("io.locustpp.examples.testdata_management", "Test data management", "1.0.0",
                "Prints each point of the test lifecycle where test data is managed") {
  module.on_init(on_init);
  module.on_test_start(on_test_start);
  module.on_test_stopping(on_test_stopping);
  module.on_test_stop(on_test_stop);
  module.on_quitting(on_quitting);
  module.on_quit(on_quit);
  module.user<shopper>("Shopper")
      .host("http://127.0.0.1:8080")
      .wait_time(locustpp::between(0.5, 1))
      .task("browse", &shopper::browse);
}
