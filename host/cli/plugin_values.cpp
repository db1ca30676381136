// locustpp command line: values of plugin-declared arguments — see plugin_values.hpp.
#include "cli/plugin_values.hpp"

#include <fmt/format.h>

#include "cli/config_error.hpp"
#include "cli/plugin_arguments.hpp"
#include "cli/value_errors.hpp"

namespace locustpp::cli {

std::vector<std::string> checked_plugin_values(const plugin_argument& argument, const raw_value& value) {
  const std::string name = bare_name(argument);
  std::vector<std::string> stored;
  for (const std::string& item : split_plugin_texts(argument, value.texts)) {
    std::optional<std::string> normalized = normalize_item(argument.type, item);
    if (!normalized) {
      throw_invalid_value(name, item, expected_form(argument.type), argument.is_secret, value);
    }
    if (!is_allowed_choice(argument, *normalized)) {
      throw_invalid_choice(name, item, argument.choices, argument.is_secret, value);
    }
    stored.push_back(std::move(*normalized));
  }
  return stored;
}

namespace {

// Declarations were validated up front, so a default always parses.
std::vector<std::string> default_values(const plugin_argument& argument) {
  if (!argument.default_value) {
    if (argument.type == argument_type::boolean) return {"false"};
    return {};
  }
  std::vector<std::string> stored;
  for (const std::string& item : split_plugin_texts(argument, {*argument.default_value})) {
    stored.push_back(normalize_item(argument.type, item).value_or(item));
  }
  return stored;
}

[[noreturn]] void report_missing(const std::vector<std::string>& missing) {
  std::string names;
  for (const std::string& name : missing) names += (names.empty() ? "" : ", ") + name;
  if (missing.size() == 1) {
    throw config_error("the following argument is required: " + names, config_error::kind::usage);
  }
  throw config_error("the following arguments are required: " + names, config_error::kind::usage);
}

}  // namespace

std::map<std::string, std::vector<std::string>> resolve_plugin_values(const std::vector<plugin_argument>& plugin_args,
                                                                      const raw_values& values) {
  std::map<std::string, std::vector<std::string>> resolved;
  std::vector<std::string> missing;
  for (const plugin_argument& argument : plugin_args) {
    const std::string name = bare_name(argument);
    if (const auto found = values.find(name); found != values.end()) {
      resolved[name] = checked_plugin_values(argument, found->second);
    } else if (argument.is_required && !argument.default_value) {
      missing.push_back(argument.name);
    } else {
      resolved[name] = default_values(argument);
    }
  }
  if (!missing.empty()) report_missing(missing);
  return resolved;
}

}  // namespace locustpp::cli
