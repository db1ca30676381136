// --show-task-ratio and --show-task-ratio-json: how often each user class
// and each task runs, as Locust prints it (locust/user/inspectuser.py): per
// class (a task's share within its class) and in total (its share of all
// task runs). Classes share by weight, fixed_count classes by their count.
#pragma once

#include <string>

#include "runtime/test_plan.hpp"

namespace locustpp::runtime {

// The two tables of --show-task-ratio, Locust's layout.
std::string task_ratio_text(const test_plan& plan);
// {"per_class": {...}, "total": {...}} with 4-space indentation.
std::string task_ratio_json(const test_plan& plan);

}  // namespace locustpp::runtime
