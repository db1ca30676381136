// locustpp command line: the table of built-in options.
//
// One row per option drives everything else: the Boost.Program_options
// description, config-file keys, LOCUST_* variables, --help and the
// conversion into run_options. Adding an option means adding a row (and a
// run_options member), nothing more.
#pragma once

#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "cli/run_options.hpp"

namespace locustpp::cli {

enum class option_kind {
  flag,        // no value on the command line; boolean text elsewhere
  text,        // one string
  integer,     // one whole number
  number,      // one finite floating-point number
  timespan,    // one time span (timespan.hpp), stored as seconds
  token_list,  // multi-token on the command line; split on commas and blanks elsewhere
  path_list,   // repeatable on the command line; every value split on commas
  text_list,   // repeatable on the command line; every value kept whole (JSON)
};

enum class option_group { common, master, worker, tags, statistics, logging, network, other };

// `seconds`: a positive duration no longer than max_duration_seconds.
enum class value_limit { none, at_least_zero, above_zero, exit_status, port, seconds, threads };

// The longest time span or timeout accepted: 100 years. Longer ones are
// refused, not wrapped around into an instant expiry.
inline constexpr double max_duration_seconds = 100 * 365.25 * 24 * 3600;
// --threads: beyond this, threads cost more than they run (and each holds an event loop).
inline constexpr int max_worker_threads = 1024;

// Where a converted value lands. monostate: the option is consumed by the
// parser itself (--config).
using option_target = std::variant<std::monostate, bool run_options::*, int run_options::*, double run_options::*,
                                   std::optional<double> run_options::*, std::string run_options::*,
                                   std::optional<std::string> run_options::*, std::vector<std::string> run_options::*>;

struct builtin_option {
  std::string_view name;  // long name without dashes; also the config-file key
  char short_name = '\0';
  std::string_view env_var;  // empty = none
  option_kind kind = option_kind::text;
  option_group group = option_group::other;
  std::string_view metavar;  // --help placeholder for the value
  std::string_view help;
  option_target target;
  value_limit limit = value_limit::none;
  // Allowed values, matched case-insensitively and stored upper-case (only
  // --loglevel uses this). Empty = any.
  std::span<const std::string_view> choices;
  std::string_view default_text;  // shown by --help only
  bool allowed_in_config_file = true;
  // A Locust option locustpp does not support yet: accepted (so locust.conf
  // files, LOCUST_* variables and scripts keep working), warned about and
  // ignored; not in --help.
  bool locust_only = false;
};

// In --help order.
const std::vector<builtin_option>& builtin_options();

// nullptr when `name` (without dashes) is not a built-in option.
const builtin_option* find_builtin_option(std::string_view name);

// Section heading for --help, e.g. "Common options".
std::string_view group_title(option_group group);

}  // namespace locustpp::cli
