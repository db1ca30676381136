// locustpp command line: the values of plugin-declared arguments, validated
// and with defaults filled in (run_options::plugin_values).
#pragma once

#include <map>
#include <string>
#include <vector>

#include "cli/plugin_argument.hpp"
#include "cli/raw_values.hpp"

namespace locustpp::cli {

// One entry per declared argument, keyed by name without dashes. A collected
// value wins over the default; booleans without either are "false"; other
// arguments without either get an empty vector. Throws config_error for a
// value of the wrong type, a value outside the choices (each element when
// multi-valued) and for required arguments that no source set and that have
// no default — listing all of them at once. Secret values are never quoted.
// The values of one argument, checked and normalised as from any source (the
// web UI's start form too). Throws config_error with the command line's
// wording; `value.origin` names the source.
std::vector<std::string> checked_plugin_values(const plugin_argument& argument, const raw_value& value);

std::map<std::string, std::vector<std::string>> resolve_plugin_values(const std::vector<plugin_argument>& plugin_args,
                                                                      const raw_values& values);

}  // namespace locustpp::cli
