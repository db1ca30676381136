// locustpp command line: wording of bad-value errors, shared by built-in and
// plugin options so every message has the same shape:
//   invalid value for --users: 'abc' (expected an integer)
//   invalid choice for --env: 'qa' (choose from 'dev', 'staging', 'prod')
// followed by ", from <origin>" unless the value came from the command line.
// For secret options the offending text is left out entirely.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "cli/raw_values.hpp"

namespace locustpp::cli {

// `expected` completes "(expected ...)", e.g. "an integer >= 0".
[[noreturn]] void throw_invalid_value(std::string_view option_name, std::string_view text,
                                      std::string_view expected, bool is_secret,
                                      const raw_value& source);

[[noreturn]] void throw_invalid_choice(std::string_view option_name, std::string_view text,
                                       const std::vector<std::string>& choices, bool is_secret,
                                       const raw_value& source);

// "'dev', 'staging', 'prod'"
std::string quoted_list(const std::vector<std::string>& items);

}  // namespace locustpp::cli
