// locustpp command line: built-in and plugin options behind one lookup — see option_catalog.hpp.
#include "cli/option_catalog.hpp"

#include "cli/plugin_arguments.hpp"

namespace locustpp::cli {
namespace {

value_arity arity_of(option_kind kind) {
  switch (kind) {
    case option_kind::flag:
      return value_arity::flag;
    case option_kind::token_list:
      return value_arity::multiple;
    case option_kind::path_list:
    case option_kind::text_list:
      return value_arity::repeated;
    case option_kind::text:
    case option_kind::integer:
    case option_kind::number:
    case option_kind::timespan:
      return value_arity::single;
  }
  return value_arity::single;
}

value_arity arity_of(const plugin_argument& argument) {
  if (argument.type == argument_type::boolean) return value_arity::flag;
  if (is_multi_valued(argument)) return value_arity::multiple;
  return value_arity::single;
}

}  // namespace

option_catalog::option_catalog() {
  for (const builtin_option& builtin : builtin_options()) {
    known_option option;
    option.name = std::string(builtin.name);
    option.short_name = builtin.short_name;
    option.env_var = std::string(builtin.env_var);
    option.arity = arity_of(builtin.kind);
    option.allowed_in_config_file = builtin.allowed_in_config_file;
    option.locust_only = builtin.locust_only;
    option.builtin = &builtin;
    options_.push_back(std::move(option));
  }
}

option_catalog::option_catalog(const std::vector<plugin_argument>& plugin_args) : option_catalog() {
  for (const plugin_argument& argument : plugin_args) {
    known_option option;
    option.name = bare_name(argument);
    option.env_var = argument.env_var;
    option.arity = arity_of(argument);
    option.is_secret = argument.is_secret;
    option.plugin = &argument;
    options_.push_back(std::move(option));
  }
}

const known_option* option_catalog::find(std::string_view name) const {
  for (const known_option& option : options_) {
    if (option.name == name) return &option;
  }
  return nullptr;
}

std::vector<std::string> option_catalog::long_names() const {
  std::vector<std::string> names;
  names.reserve(options_.size());
  for (const known_option& option : options_) names.push_back("--" + option.name);
  return names;
}

std::vector<std::string> option_catalog::config_keys() const {
  std::vector<std::string> keys;
  for (const known_option& option : options_) {
    if (option.allowed_in_config_file) keys.push_back(option.name);
  }
  return keys;
}

}  // namespace locustpp::cli
