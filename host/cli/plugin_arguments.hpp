// locustpp command line: rules for plugin-declared arguments — checking the
// declarations themselves and reading one value of a declared type.
//
// Declarations are checked before any parsing so that a plugin author's
// mistake (a clash with --users, a default outside the choices) is reported
// as the plugin's fault, not as a bad command line.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "cli/plugin_argument.hpp"

namespace locustpp::cli {

// "--my-argument" -> "my-argument": the config-file key and plugin_values key.
std::string bare_name(const plugin_argument& argument);

// Lists and is_multiple arguments hold several values.
bool is_multi_valued(const plugin_argument& argument);

// Throws config_error, naming the owning plugin, for: a name that is not
// "--" followed by letters, digits, '-' or '_' (starting with a letter or
// digit); a name used by a built-in option or declared twice; is_multiple on
// a boolean; a default that does not parse as the type or is not one of the
// choices. A secret's default is never quoted.
void validate_plugin_declarations(const std::vector<plugin_argument>& plugin_args);

// The text values of an argument as stored in run_options::plugin_values:
// several values are split on commas (a "[a, b]" wrapper is allowed); a
// single-valued argument keeps only the last text. No validation.
std::vector<std::string> split_plugin_texts(const plugin_argument& argument,
                                            const std::vector<std::string>& texts);

// The stored form of one item of `type` ("yes" -> "true" for booleans,
// blanks trimmed for numbers), or nothing when the item does not parse.
std::optional<std::string> normalize_item(argument_type type, std::string_view item);

// What normalize_item expects, for messages: "an integer", "a number", ...
std::string_view expected_form(argument_type type);

// True when the argument has no choices or `item` is one of them (exact match).
bool is_allowed_choice(const plugin_argument& argument, std::string_view item);

}  // namespace locustpp::cli
