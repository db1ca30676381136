// many_names_warning: the message, with a few of the names that set it off.
#include "runtime/many_names_warning.hpp"

#include <spdlog/fmt/fmt.h>

namespace locustpp::runtime {

std::string many_names_warning::check(const stats::stats_registry& registry) {
  if (warned_ || registry.entry_count() < threshold_) return {};
  warned_ = true;
  constexpr std::size_t example_count = 3;
  std::string examples;
  std::size_t listed = 0;
  for (const stats::stats_entry* entry : registry.sorted_entries()) {
    if (listed++ == example_count) break;
    examples += fmt::format("{}{} {}", listed == 1 ? "" : ", ", entry->method(), entry->name());
  }
  return fmt::format(
      "{} distinct request names so far (e.g. {}). Names with ids or query strings in them get a statistics "
      "row each, which costs memory and buries the numbers that matter: give such requests one name, e.g. "
      "client.get(\"/item/\" + id, {{.name = \"/item/[id]\"}})",
      registry.entry_count(), examples);
}

}  // namespace locustpp::runtime
