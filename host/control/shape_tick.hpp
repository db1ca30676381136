// One tick of a load shape (Locust's LoadTestShape.tick): the plugin is
// asked, inside its code site, what the test should look like now.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "plugin/catalog.hpp"
#include "runtime/test_plan.hpp"

namespace locustpp::control {

struct shape_answer {
  enum class verdict { target, end, failed } kind = verdict::end;
  std::size_t users = 0;      // target
  double spawn_rate = 1;      // target
  std::vector<bool> allowed;  // target: one flag per planned class; empty = every class
  std::string error;          // failed: the plugin's message
};

// run_time: seconds since the test started.
shape_answer ask_shape(const plugin::shape_model& shape, const runtime::test_plan& plan, double run_time,
                       std::uint64_t current_users);

}  // namespace locustpp::control
