// locustpp command line: the --help text.
//
// Grouped like Locust's: "Common options", "Tag options", "Request statistics
// options", "Logging options", "Network options" (ours), "Other options",
// "User classes", then "Custom arguments" for plugin-declared arguments. Each
// option shows its help, LOCUST_* variable and default; plugin arguments
// also show their choices, whether they are required, and the declaring
// plugin. A secret's default is shown as "(secret)", never as its value.
#pragma once

#include <string>
#include <vector>

#include "cli/plugin_argument.hpp"

namespace locustpp::cli {

std::string help_text(const std::vector<plugin_argument>& plugin_args);

}  // namespace locustpp::cli
