// The classes between tests (see class_book.hpp).
#include "control/class_book.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <memory>
#include <optional>

namespace locustpp::control {
namespace {

std::string invalid_host(const std::string& host) {
  return fmt::format("invalid host '{}': use e.g. http://127.0.0.1:8080", host);
}

plugin::task_model copy_of(const plugin::task_model& task) {
  plugin::task_model copy = task.without_nested();
  if (task.nested) {
    copy.nested = std::make_unique<plugin::task_set_model>();
    static_cast<plugin::task_set_code&>(*copy.nested) = *task.nested;
    copy.nested->name = task.nested->name;
    copy.nested->sequential = task.nested->sequential;
    for (const plugin::task_model& inner : task.nested->tasks) copy.nested->tasks.push_back(copy_of(inner));
  }
  return copy;
}

}  // namespace

class_book::class_book(runtime::test_plan plan, std::string host) : plan_(std::move(plan)), host_(std::move(host)) {
  for (const runtime::planned_class& planned : plan_.classes) {
    bases_.push_back(planned.base ? &*planned.base : nullptr);
    std::vector<plugin::task_model>& tasks = planned_tasks_.emplace_back();
    for (const plugin::task_model& task : planned.model->behaviour.tasks) tasks.push_back(copy_of(task));
  }
}

std::vector<runtime::class_share> class_book::shares() const {
  std::vector<runtime::class_share> result;
  for (const auto& planned : plan_.classes) result.push_back({planned.model->weight, planned.model->fixed_count});
  return result;
}

std::string class_book::select(const std::vector<std::string>& names, std::vector<bool>& allowed) const {
  allowed.clear();
  if (names.empty()) return "";
  allowed.assign(plan_.classes.size(), false);
  for (const std::string& name : names) {
    bool found = false;
    for (std::size_t c = 0; c < plan_.classes.size(); ++c) {
      if (plan_.classes[c].model->name == name) allowed[c] = found = true;
    }
    if (!found) return fmt::format("unknown user class '{}'", name);
  }
  return "";
}

std::string class_book::use_host(const std::string& host) {
  if (host == host_) return "";
  std::vector<const http::url*> bases;
  for (const runtime::planned_class& planned : plan_.classes) {
    const std::string& wanted = host.empty() ? planned.model->host : host;
    if (wanted.empty()) {
      bases.push_back(nullptr);
      continue;
    }
    std::optional<http::url> parsed = http::parse_absolute_url(wanted);
    if (!parsed) return invalid_host(wanted);
    bases.push_back(keep(std::move(*parsed)));
  }
  bases_ = std::move(bases);
  host_ = host;
  return "";
}

std::string class_book::update(const runtime::class_settings& settings) {
  for (std::size_t index = 0; index < plan_.classes.size(); ++index) {
    plugin::user_class_model& model = *plan_.classes[index].model;
    if (model.name != settings.user_class) continue;
    // -H (or the form's host) still wins over the class's own, as in Locust.
    const std::string& wanted = host_.empty() ? settings.host.value_or(model.host) : host_;
    std::optional<http::url> base;
    if (!wanted.empty()) {
      base = http::parse_absolute_url(wanted);
      if (!base) return invalid_host(wanted);
    }
    std::vector<plugin::task_model> tasks;
    if (settings.tasks) {
      for (const plugin::task_model& task : planned_tasks_[index]) {
        const auto& named = *settings.tasks;
        if (std::find(named.begin(), named.end(), task.name) != named.end()) tasks.push_back(copy_of(task));
      }
      if (tasks.empty()) return fmt::format("\"tasks\" leaves user class '{}' without tasks", model.name);
    }
    runtime::class_settings others = settings;
    others.tasks.reset();
    runtime::apply_class_settings(others, model);
    if (settings.tasks) {
      retired_tasks_.push_back(std::move(model.behaviour.tasks));
      model.behaviour.tasks = std::move(tasks);
    }
    bases_[index] = base ? keep(std::move(*base)) : nullptr;
    return "";
  }
  return fmt::format("unknown user class '{}'", settings.user_class);
}

}  // namespace locustpp::control
