// A module argument's two names in a distributed run: the option name the
// host's option board uses ("my-argument") and the key Locust's
// parsed_options uses for it (argparse's dest, "my_argument"). The master
// writes the one, the worker reads it, so both sides take them from here.
#pragma once

#include <algorithm>
#include <string>

#include "cli/plugin_argument.hpp"

namespace locustpp::cluster {

struct option_names {
  std::string option;  // without the dashes
  std::string dest;    // dashes as underscores
};

inline option_names names_of(const cli::plugin_argument& argument) {
  option_names names;
  names.option = argument.name.substr(std::min(argument.name.size(), argument.name.find_first_not_of('-')));
  names.dest = names.option;
  std::replace(names.dest.begin(), names.dest.end(), '-', '_');
  return names;
}

}  // namespace locustpp::cluster
