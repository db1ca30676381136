// Stop the test when too many requests fail: a background job (Locust's
// gevent.spawn(checker, environment) from an init listener) reads the total
// fail ratio every second and quits the run once it is above 0.2.
// Build: locustpp_add_plugin(fail_ratio_checker fail_ratio_checker.cpp)
// Run:   locustpp -f fail_ratio_checker.so --headless -u 4 -r 4 -t 60s -H http://127.0.0.1:8080
//
// Against the demo target's /flaky?p=0.5 (every other request fails) the
// run ends after a second or two, printing:
//   fail ratio was 0.50 (12 of 24 requests failed), above 0.20: quitting
#include <locustpp/locustpp.hpp>

#include <cstdio>

namespace {

constexpr double max_fail_ratio = 0.2;

locustpp::task<> check_fail_ratio(locustpp::background_job& job) {
  auto environment = locustpp::env();
  // Workers report to their master, which decides for the whole test.
  if (environment.is_worker()) co_return;
  for (;;) {
    co_await job.sleep(1);
    auto total = environment.total();
    if (total && total->fail_ratio > max_fail_ratio) {
      std::printf("fail ratio was %.2f (%llu of %llu requests failed), above %.2f: quitting\n", total->fail_ratio,
                  static_cast<unsigned long long>(total->num_failures),
                  static_cast<unsigned long long>(total->num_requests), max_fail_ratio);
      std::fflush(stdout);
      environment.quit();
      co_return;
    }
  }
}

struct flaky_user : locustpp::http_user {
  locustpp::task<> flaky() { co_await client.get("/flaky?p=0.5", {.name = "/flaky"}); }
};

}  // namespace

LOCUSTPP_MODULE("io.locustpp.examples.fail_ratio_checker", "Fail ratio checker", "1.0.0",
                "Quits the test when more than 20% of the requests fail") {
  module.background("fail ratio checker", check_fail_ratio);
  module.user<flaky_user>("FlakyUser")
      .host("http://127.0.0.1:8080")
      .wait_time(locustpp::constant(0.1))
      .task("flaky", &flaky_user::flaky);
}
