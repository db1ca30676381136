// locustpp command line: an option declared by a plugin (Locust's
// `parser.add_argument(...)` inside an init_command_line_parser listener).
//
// The host learns these after loading plugins (phase 2 of parsing, see
// parser.hpp). Values are always carried as text; `type` says how that text
// is validated. Semantics per type:
//   string    any text
//   integer   a whole number ("42", "-3")
//   floating  a finite number ("0.5", "1e3")
//   boolean   a flag on the command line (`--flag`, sets true); true/false,
//             yes/no, 1/0, on/off in config files and the environment.
//             Stored as "true" or "false"; without a default it is "false".
//   list      several strings: multi-token on the command line, comma
//             separated (or `[a, b]`) in config files and the environment
// `is_multiple` makes any non-boolean type multi-valued like `list`, with each
// element checked against `type` and `choices`.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace locustpp::cli {

enum class argument_type { string, integer, floating, boolean, list };

struct plugin_argument {
  std::string name;  // long option name with dashes, e.g. "--my-argument"; no short alias
  argument_type type = argument_type::string;
  std::optional<std::string> default_value;  // text form; bool "true"/"false"; list comma-separated
  std::string help;
  std::string env_var;               // empty = none (configargparse derives no env var either)
  std::vector<std::string> choices;  // empty = any value
  bool include_in_web_ui = true;
  bool is_secret = false;    // value and default never appear in help or error messages
  bool is_required = false;  // must be given by some source unless it has a default
  bool is_multiple = false;
  std::string owner;  // id of the plugin that declared it, for messages
  std::string group;  // --help section; empty = "Custom arguments"
};

// "string", "integer", "floating", "boolean" or "list".
std::string_view to_string(argument_type type);

}  // namespace locustpp::cli
