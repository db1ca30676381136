// locustpp C++ SDK — load shapes (Locust's LoadTestShape): ticked about once
// a second on the control thread; return the target, or nothing to stop.
//   module.shape("steps", [](const locustpp::shape_state& now) -> std::optional<locustpp::shape_target> {
//     if (now.run_time > 60) return std::nullopt;
//     return locustpp::shape_target{.users = 10 * (1 + static_cast<std::uint64_t>(now.run_time) / 10), .spawn_rate = 10};
//   });
// A shape overrides -u, -r and -t.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "locustpp/detail/run.hpp"
#include "locustpp/detail/storage.hpp"

namespace locustpp {

struct shape_state {
  double run_time = 0;          // seconds since the test started
  std::uint64_t user_count = 0; // users running now
};

struct shape_target {
  std::uint64_t users = 0;
  double spawn_rate = 1;                 // users started or stopped per second
  std::vector<std::string> user_classes; // empty: all classes
};

using shape_function = std::function<std::optional<shape_target>(const shape_state&)>;

namespace detail {

struct stored_shape {
  shape_function tick;
  shape_target last;                    // keeps the class names alive for the host
  std::vector<const char*> class_names;
};

inline std::int32_t tick_shape(void* ctx, locustpp_shape_tick* tick, locustpp_error_buffer error) noexcept {
  auto& shape = *static_cast<stored_shape*>(ctx);
  try {
    std::optional<shape_target> target = shape.tick({tick->run_time, tick->current_users});
    if (!target) return 0;
    shape.last = std::move(*target);
    shape.class_names.clear();
    for (const auto& name : shape.last.user_classes) shape.class_names.push_back(name.c_str());
    tick->users = shape.last.users;
    tick->spawn_rate = shape.last.spawn_rate;
    tick->user_classes = shape.class_names.empty() ? nullptr : shape.class_names.data();
    tick->user_class_count = static_cast<std::uint32_t>(shape.class_names.size());
    return 1;
  } catch (...) {
    write_error(error, describe_current_exception());
    return -1;
  }
}

}  // namespace detail
}  // namespace locustpp
