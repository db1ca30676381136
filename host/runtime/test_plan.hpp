// What a run will simulate, derived once from the catalog and the options:
// the user classes chosen (positional names, or all), their weights, fixed
// counts, hosts and tasks after --config-users, --equal-weights, -T/--tags
// and -E/--exclude-tags, the base URL each class targets, and how many task
// runs a user makes (-i/--iterations).
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "cli/run_options.hpp"
#include "http/url.hpp"
#include "plugin/catalog.hpp"

namespace locustpp::runtime {

struct planned_class {
  std::unique_ptr<plugin::user_class_model> model;  // filtered copy
  std::optional<http::url> base;                    // none: only absolute URLs work
};

struct test_plan {
  std::vector<planned_class> classes;
  std::uint64_t iterations = 0;  // task runs per user; 0 = no limit
};

// Throws std::runtime_error with a clear message (unknown class name, bad
// host URL, invalid --config-users, nothing left to run).
test_plan make_test_plan(const plugin::catalog& catalog, const cli::run_options& options);

}  // namespace locustpp::runtime
