// Statistics-memory benchmark user: GET / with no think time, each request
// named "/item/<k>" for k cycling through --names distinct values (the classic
// "ids in the URL" mistake). Used by `bench/run.sh names`: the same run with
// --names 1 and --names 10000 shows what one statistics entry costs.
#include <locustpp/locustpp.hpp>

#include <atomic>
#include <string>

namespace {

std::atomic<long> next_item{0};  // shared by all users and worker threads

struct names_user : locustpp::http_user {
  long distinct_names = locustpp::option<long>("names").value_or(1);
  std::string name;

  locustpp::task<> item() {
    const long item = next_item.fetch_add(1, std::memory_order_relaxed) % distinct_names;
    name = "/item/" + std::to_string(item);
    co_await client.get("/", {.name = name});
  }
};

}  // namespace

LOCUSTPP_MODULE("io.locustpp.bench.names", "Bench (names)", "1.0.0", "GET / under --names distinct request names") {
  locustpp::argument_spec names;
  names.name = "--names";
  names.default_value = "1";
  names.help = "How many distinct request names to cycle through";
  module.argument(names);
  module.user<names_user>("Names").wait_time(locustpp::constant(0)).task("item", &names_user::item);
}
