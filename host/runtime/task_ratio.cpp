// Task ratios (see task_ratio.hpp).
#include "runtime/task_ratio.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <map>
#include <vector>

#include "report/number_text.hpp"

namespace locustpp::runtime {
namespace {

struct ratio_node {
  std::string name;
  double ratio = 0;
  std::vector<ratio_node> children;  // tasks of a class or of a nested set
  bool has_tasks = false;            // a class or a nested set (Locust's "tasks" key)
};

// Locust's _get_task_ratio: a task's share of its set, times the set's share
// when `total` (else 1).
std::vector<ratio_node> task_ratios(const plugin::task_set_model& set, double parent_ratio, bool total) {
  double scale = total ? parent_ratio : 1.0;
  std::uint64_t weights = 0;
  for (const auto& task : set.tasks) weights += task.weight;
  std::vector<ratio_node> nodes;
  for (const auto& task : set.tasks) {
    ratio_node node{task.name, weights > 0 ? scale * task.weight / static_cast<double>(weights) : 0, {}, false};
    if (task.nested) {
      node.children = task_ratios(*task.nested, node.ratio, total);
      node.has_tasks = true;
    }
    nodes.push_back(std::move(node));
  }
  return nodes;
}

// Each class's share of the users running now (`running`, when any), or else
// Locust's _calc_distribution with no -u: fixed counts as they are, weights
// as users (rounded); then each task's share within it.
std::vector<ratio_node> class_ratios(const test_plan& plan, bool total, const std::vector<std::uint64_t>* running) {
  double total_weight = 0, fixed = 0;
  for (const auto& planned : plan.classes) {
    if (planned.model->fixed_count > 0) {
      fixed += planned.model->fixed_count;
    } else {
      total_weight += planned.model->weight;
    }
  }
  double users = fixed > 0 ? 1 : total_weight;
  double weighted_users = std::max(0.0, users - fixed);
  std::vector<double> counts;
  for (const auto& planned : plan.classes) {
    const auto& model = *planned.model;
    double count = model.fixed_count > 0 ? model.fixed_count
                                         : (total_weight > 0 ? model.weight / total_weight * weighted_users : 0);
    counts.push_back(std::nearbyint(count));
  }
  if (running != nullptr && running->size() == plan.classes.size() &&
      std::any_of(running->begin(), running->end(), [](std::uint64_t n) { return n > 0; })) {
    counts.assign(running->begin(), running->end());
  }
  double sum = 0;
  for (double count : counts) sum += count;
  if (sum == 0) sum = 1;
  std::vector<ratio_node> nodes;
  for (std::size_t i = 0; i < plan.classes.size(); ++i) {
    double share = counts[i] / sum;
    nodes.push_back(
        {plan.classes[i].model->name, share, task_ratios(plan.classes[i].model->behaviour, share, total), true});
  }
  return nodes;
}

void append_rows(std::string& out, const std::vector<ratio_node>& nodes, int level) {
  std::string padding(static_cast<std::size_t>(2 * level), ' ');
  for (const auto& node : nodes) {
    out += fmt::format(" {:<10} {:<50}\n", padding + fmt::format("{:<6.1f}", node.ratio * 100), padding + node.name);
    append_rows(out, node.children, level + 1);
  }
}

// Python's json.dumps(..., indent=4), floats as repr(): what Locust prints.
void write_nodes(std::string& out, const std::vector<ratio_node>& nodes, int depth) {
  if (nodes.empty()) {
    out += "{}";
    return;
  }
  std::string inner(static_cast<std::size_t>(4 * (depth + 1)), ' ');
  std::string deeper(static_cast<std::size_t>(4 * (depth + 2)), ' ');
  out += "{\n";
  for (std::size_t i = 0; i < nodes.size(); ++i) {
    const ratio_node& node = nodes[i];
    out += inner + "\"" + node.name + "\": {\n" + deeper + "\"ratio\": " + report::python_float_repr(node.ratio);
    if (node.has_tasks) {
      out += ",\n" + deeper + "\"tasks\": ";
      write_nodes(out, node.children, depth + 2);
    }
    out += "\n" + inner + "}" + (i + 1 < nodes.size() ? ",\n" : "\n");
  }
  out += std::string(static_cast<std::size_t>(4 * depth), ' ') + "}";
}

}  // namespace

std::string task_ratio_text(const test_plan& plan) {
  std::string out = "\n Task ratio per User class\n" + std::string(80, '-') + "\n";
  append_rows(out, class_ratios(plan, false, nullptr), 0);
  out += "\n Total task ratio\n" + std::string(80, '-') + "\n";
  append_rows(out, class_ratios(plan, true, nullptr), 0);
  return out;
}

std::string task_ratio_json(const test_plan& plan, const std::vector<std::uint64_t>* running_users) {
  std::string out = "{\n    \"per_class\": ";
  write_nodes(out, class_ratios(plan, false, running_users), 1);
  out += ",\n    \"total\": ";
  write_nodes(out, class_ratios(plan, true, running_users), 1);
  return out + "\n}\n";
}

}  // namespace locustpp::runtime
