// locustpp command line: every option one parse knows — built-ins plus the
// arguments plugins declared — behind one lookup.
//
// The command-line reader, the config-file and environment collectors and the
// suggestion helper only need to know an option's spelling and arity, not
// whether it is built in, so they work on this catalog.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "cli/option_table.hpp"
#include "cli/plugin_argument.hpp"

namespace locustpp::cli {

// How many values an option takes on the command line, and how repeated
// occurrences combine.
enum class value_arity {
  flag,      // none (`--headless`); true/false text in files and variables
  single,    // one; a later occurrence replaces an earlier one
  multiple,  // one or more tokens (`-T a b`); occurrences accumulate
  repeated,  // one per occurrence (`-f a -f b`); occurrences accumulate
};

struct known_option {
  std::string name;  // long name without dashes, also the config-file key
  char short_name = '\0';
  std::string env_var;  // empty = none
  value_arity arity = value_arity::single;
  bool allowed_in_config_file = true;
  bool is_secret = false;
  bool locust_only = false;                 // a Locust option not supported yet (warned about, ignored)
  const builtin_option* builtin = nullptr;  // exactly one of builtin / plugin is set
  const plugin_argument* plugin = nullptr;
};

class option_catalog {
 public:
  // Built-ins only (phase 1, before plugins are loaded).
  option_catalog();
  // Built-ins plus plugin arguments, which must already be validated
  // (plugin_arguments.hpp) and must outlive the catalog.
  explicit option_catalog(const std::vector<plugin_argument>& plugin_args);

  const std::vector<known_option>& options() const { return options_; }

  // By name without dashes; nullptr when unknown.
  const known_option* find(std::string_view name) const;

  // "--users", "--my-argument", ...: candidates for "Did you mean".
  std::vector<std::string> long_names() const;

  // "users", "my-argument", ...: the keys a config file may use.
  std::vector<std::string> config_keys() const;

 private:
  std::vector<known_option> options_;
};

}  // namespace locustpp::cli
