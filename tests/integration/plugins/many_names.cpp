// Test plugin: requests that fail under many distinct names, as ids in URLs
// do when the target is down. Every request goes to /item/<n>, n cycling
// over 50,000 ids, against whatever -H names (a closed port fails at once).
// Each process counts what it made and says so when it quits:
//   "made N requests"
// so that a master's totals can be checked against its workers' own counts.
#include <locustpp/locustpp.hpp>

#include <atomic>
#include <cstdio>
#include <string>

namespace {

constexpr std::uint64_t distinct_names = 50'000;
std::atomic<std::uint64_t> next_id{0};
std::atomic<std::uint64_t> made{0};

struct prober : locustpp::http_user {
  locustpp::task<> item() {
    std::string path = "/item/" + std::to_string(next_id.fetch_add(1) % distinct_names);
    co_await client.get(path);
  }
};

}  // namespace

LOCUSTPP_MODULE("dev.locustpp.tests.many_names", "ManyNames", "1.0.0", "Requests failing under 50,000 distinct names") {
  module.on_request([](const locustpp_request_event&) { made.fetch_add(1, std::memory_order_relaxed); });
  module.on_quitting([] {
    std::printf("made %llu requests\n", static_cast<unsigned long long>(made.load()));
    std::fflush(stdout);
  });
  module.user<prober>("Prober").wait_time(locustpp::constant(0)).task("item", &prober::item);
}
