// What a run will simulate, derived once from the catalog and the options:
// the user classes chosen (positional names, or all), their tasks after
// -T/--tags and -E/--exclude-tags, and the base URL each class targets.
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
};

// Throws std::runtime_error with a clear message (unknown class name, bad
// host URL, nothing left to run).
test_plan make_test_plan(const plugin::catalog& catalog, const cli::run_options& options);

}  // namespace locustpp::runtime
