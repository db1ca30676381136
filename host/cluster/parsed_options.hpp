// The modules' arguments in a distributed run: a master sends its values in
// Locust's parsed_options, and every worker takes them, so every node reads
// the same. Each argument has two names there: the option name the host's
// option board uses ("my-argument") and the key Locust's parsed_options uses
// (argparse's dest, "my_argument"); the master writes the one, the worker
// reads it, so both take them from here.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "cli/plugin_argument.hpp"
#include "locustpp/value.hpp"
#include "runtime/option_board.hpp"

namespace locustpp::cluster {

struct option_names {
  std::string option;  // without the dashes
  std::string dest;    // dashes as underscores
};
option_names names_of(const cli::plugin_argument& argument);

// Master: sets each module argument's values (from `values`) in `parsed`,
// under its dest: a single value as it is, a repeatable one as a list.
void add_module_arguments(locustpp::value& parsed, const std::vector<cli::plugin_argument>& arguments,
                          const runtime::option_board& values);

// Worker: the values of the module arguments `parsed` sets, by option
// name, each checked against its declared type and choices as the command
// line checks it. Returns "" or what is wrong (then `checked` is not to be
// used): a value that is not a scalar or a list of scalars, or one the
// command line would refuse, in its words.
using checked_arguments = std::vector<std::pair<std::string, std::vector<std::string>>>;
std::string read_module_arguments(const locustpp::value& parsed, const std::vector<cli::plugin_argument>& arguments,
                                  checked_arguments& checked);

}  // namespace locustpp::cluster
