// Class selection, tag filtering and host resolution (see test_plan.hpp).
#include "runtime/test_plan.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <stdexcept>

#include "runtime/config_users.hpp"

namespace locustpp::runtime {
namespace {

bool has_any(const std::vector<std::string>& tags, const std::vector<std::string>& wanted) {
  return std::any_of(tags.begin(), tags.end(), [&](const std::string& tag) {
    return std::find(wanted.begin(), wanted.end(), tag) != wanted.end();
  });
}

// Copies `set`, keeping tasks that pass the filters. A task set entry's tags
// apply to everything inside it. Returns false when nothing is left.
bool filter_set(const plugin::task_set_model& set, plugin::task_set_model& out, const cli::run_options& options,
                const std::vector<std::string>& inherited_tags) {
  static_cast<plugin::task_set_code&>(out) = set;
  out.name = set.name;
  out.sequential = set.sequential;
  for (const auto& task : set.tasks) {
    std::vector<std::string> tags = inherited_tags;
    tags.insert(tags.end(), task.tags.begin(), task.tags.end());
    if (!options.exclude_tags.empty() && has_any(tags, options.exclude_tags)) continue;
    plugin::task_model copy = task.without_nested();
    if (task.nested) {
      copy.nested = std::make_unique<plugin::task_set_model>();
      if (!filter_set(*task.nested, *copy.nested, options, tags)) continue;
    } else if (!options.tags.empty() && !has_any(tags, options.tags)) {
      continue;
    }
    out.tasks.push_back(std::move(copy));
  }
  return !out.tasks.empty();
}

void give_every_task_weight_one(plugin::task_set_model& set) {
  for (auto& task : set.tasks) {
    task.weight = 1;
    if (task.nested) give_every_task_weight_one(*task.nested);
  }
}

}  // namespace

test_plan make_test_plan(const plugin::catalog& catalog, const cli::run_options& options) {
  test_plan plan;
  plan.iterations = static_cast<std::uint64_t>(options.iterations);
  std::vector<class_settings> settings = read_config_users(options.config_users, catalog);
  for (const auto& wanted : options.user_classes) {
    bool known = std::any_of(catalog.user_classes.begin(), catalog.user_classes.end(),
                             [&](const auto& model) { return model->name == wanted; });
    if (!known) {
      std::string names;
      for (const auto& model : catalog.user_classes) names += (names.empty() ? "" : ", ") + model->name;
      throw std::runtime_error(fmt::format("unknown user class '{}' (available: {})", wanted, names));
    }
  }
  for (const auto& model : catalog.user_classes) {
    const auto& chosen = options.user_classes;
    if (!chosen.empty() && std::find(chosen.begin(), chosen.end(), model->name) == chosen.end()) continue;
    planned_class planned;
    planned.model = std::make_unique<plugin::user_class_model>();
    auto& copy = *planned.model;
    copy.name = model->name;
    copy.weight = model->weight;
    copy.fixed_count = model->fixed_count;
    copy.host = model->host;
    copy.context = model->context;
    copy.context_site = model->context_site;
    copy.module = model->module;
    if (!filter_set(model->behaviour, copy.behaviour, options, {})) {
      continue;  // every task filtered out by tags: Locust drops the class too
    }
    if (options.equal_weights) {
      if (copy.fixed_count == 0) copy.weight = 1;
      give_every_task_weight_one(copy.behaviour);
    }
    for (const class_settings& given : settings) {
      if (given.user_class == copy.name) apply_class_settings(given, copy);
    }
    if (copy.behaviour.tasks.empty()) {
      throw std::runtime_error(fmt::format("--config-users leaves user class '{}' without tasks", copy.name));
    }
    // -H/--host overrides the class's own host, as in Locust.
    std::string host = options.host.empty() ? copy.host : options.host;
    if (!host.empty()) {
      planned.base = http::parse_absolute_url(host);
      if (!planned.base) {
        throw std::runtime_error(
            fmt::format("invalid host '{}' for user class '{}': use e.g. http://127.0.0.1:8080", host, copy.name));
      }
    }
    if (copy.weight <= 0 && copy.fixed_count == 0) continue;
    plan.classes.push_back(std::move(planned));
  }
  if (plan.classes.empty()) {
    throw std::runtime_error(catalog.user_classes.empty()
                                 ? "no user classes: load a module with -f/--locustfile or --plugin-dir, or put a "
                                   "locustfile.so (or a locustfile/ folder of modules) in the working directory"
                                 : "no user class left to run (check the class names, weights and -T/-E tags)");
  }
  return plan;
}

}  // namespace locustpp::runtime
