// locustpp command line: splitting argv into options with Boost.Program_options.
//
// This step only tokenizes: it knows each option's arity from the catalog but
// converts nothing. Unknown options are collected rather than thrown so that
// phase 1 can skip them (plugin options are not known yet) and phase 2 can
// word its own "Did you mean" error. Prefix guessing ("--user" for "--users")
// is switched off: a misspelling must be reported, not silently accepted.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "cli/option_catalog.hpp"

namespace locustpp::cli {

struct command_line_option {
  std::string name;                 // long name without dashes, even when given as "-u"
  std::vector<std::string> values;  // flags: {"true"}
};

struct parsed_command_line {
  std::vector<command_line_option> options;  // recognized ones, in command-line order
  std::vector<std::string> positionals;      // user class names (and, in phase 1, stray values)
  std::vector<std::string> unrecognized;     // as typed but without any "=value": "--user", "-x"

  bool has(std::string_view name) const;
  // The value of the last occurrence of a single-valued option.
  std::optional<std::string> last_value(std::string_view name) const;
};

// `args` excludes argv[0]. Throws config_error for syntax errors such as a
// missing value ("--users" at the end) or a value given to a flag.
parsed_command_line read_command_line(const std::vector<std::string>& args,
                                      const option_catalog& catalog);

}  // namespace locustpp::cli
