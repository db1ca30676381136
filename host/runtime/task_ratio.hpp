// --show-task-ratio and --show-task-ratio-json: how often each user class
// and each task runs, as Locust prints it (locust/user/inspectuser.py): per
// class (a task's share within its class) and in total (its share of all
// task runs). Classes share by weight, fixed_count classes by their count.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "runtime/test_plan.hpp"

namespace locustpp::runtime {

// The two tables of --show-task-ratio, Locust's layout.
std::string task_ratio_text(const test_plan& plan);
// {"per_class": {...}, "total": {...}} with 4-space indentation. With
// `running_users` (one count per planned class, some non-zero) the classes
// share by the users running now, as the web UI's current ratio.
std::string task_ratio_json(const test_plan& plan, const std::vector<std::uint64_t>* running_users = nullptr);

}  // namespace locustpp::runtime
