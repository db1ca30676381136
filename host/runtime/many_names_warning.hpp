// A guard rail for the most common statistics mistake: request names that carry ids.
#pragma once

#include <cstddef>
#include <string>

#include "stats/stats_registry.hpp"

namespace locustpp::runtime {

// Once the registry holds `threshold` request entries, says (once per process) that
// so many names usually mean ids or query strings in the names, with examples and
// the fix. Each entry still costs memory and a row in every table and CSV file.
// Thread rules: control thread only.
class many_names_warning {
 public:
  static constexpr std::size_t default_threshold = 1000;

  explicit many_names_warning(std::size_t threshold = default_threshold) : threshold_(threshold) {}

  // The warning text when it is due now (and never again after), else "".
  std::string check(const stats::stats_registry& registry);

 private:
  std::size_t threshold_;
  bool warned_ = false;
};

}  // namespace locustpp::runtime
