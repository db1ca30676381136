// A load shape in stages (Locust's custom_shapes/stages.py): each stage
// holds a user count until its end time; after the last one the shape stops
// the test. The shape overrides -u, -r and -t.
//   stage 1: until 2 s, 2 users     stage 2: until 4 s, 4 users
//   stage 3: until 5 s, 1 user      then the test ends
// Build: locustpp_add_plugin(load_shape load_shape.cpp)
// Run:   locustpp -f load_shape.so --headless -H http://127.0.0.1:8080
#include <locustpp/locustpp.hpp>

#include <optional>
#include <vector>

namespace {

struct stage {
  double until_seconds;
  std::uint64_t users;
  double spawn_rate;
};

const std::vector<stage> stages = {{2, 2, 10}, {4, 4, 10}, {5, 1, 10}};

std::optional<locustpp::shape_target> staged(const locustpp::shape_state& now) {
  for (const stage& step : stages) {
    if (now.run_time < step.until_seconds) {
      return locustpp::shape_target{.users = step.users, .spawn_rate = step.spawn_rate, .user_classes = {}};
    }
  }
  return std::nullopt;  // past the last stage: stop the test
}

struct visitor : locustpp::http_user {
  locustpp::task<> index() { co_await client.get("/"); }
};

}  // namespace

LOCUSTPP_MODULE("io.locustpp.examples.load_shape", "Load shape", "1.0.0", "A load shape in three stages") {
  module.shape("stages", staged);
  module.user<visitor>("Visitor").wait_time(locustpp::constant(0.2)).task("index", &visitor::index);
}
