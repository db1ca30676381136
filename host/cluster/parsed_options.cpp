// Module arguments in parsed_options, both ways (see parsed_options.hpp).
#include "cluster/parsed_options.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <optional>

#include "cli/config_error.hpp"
#include "cli/plugin_values.hpp"

namespace locustpp::cluster {
namespace {

using locustpp::value;

// A value as the command line would have given it: its text.
std::string text_of(const value& item) {
  switch (item.type()) {
    case value::kind::string:
      return std::string(item.text());
    case value::kind::boolean:
      return item.flag() ? "true" : "false";
    case value::kind::integer:
      return std::to_string(item.integer());
    case value::kind::unsigned_integer:
      return std::to_string(item.unsigned_integer());
    case value::kind::floating:
      return fmt::format("{}", item.number());
    default:
      return "";
  }
}

// A scalar or a list of scalars, as texts; nullopt for anything else.
std::optional<std::vector<std::string>> texts_of(const value& given) {
  auto scalar = [](const value& item) { return !item.is_array() && !item.is_map() && !item.is_nil(); };
  std::vector<std::string> texts;
  if (scalar(given)) return std::vector<std::string>{text_of(given)};
  if (!given.is_array()) return std::nullopt;
  for (const value& item : given.items()) {
    if (!scalar(item)) return std::nullopt;
    texts.push_back(text_of(item));
  }
  return texts;
}

}  // namespace

option_names names_of(const cli::plugin_argument& argument) {
  option_names names;
  names.option = argument.name.substr(std::min(argument.name.size(), argument.name.find_first_not_of('-')));
  names.dest = names.option;
  std::replace(names.dest.begin(), names.dest.end(), '-', '_');
  return names;
}

void add_module_arguments(value& parsed, const std::vector<cli::plugin_argument>& arguments,
                          const runtime::option_board& values) {
  for (const cli::plugin_argument& argument : arguments) {
    auto [name, dest] = names_of(argument);
    std::vector<std::string> given = values.values(name);
    if (given.size() == 1 && !argument.is_multiple) {
      parsed.set(dest, given.front());
    } else {
      value list = value::array();
      for (std::string& item : given) list.push(std::move(item));
      parsed.set(dest, std::move(list));
    }
  }
}

std::string read_module_arguments(const value& parsed, const std::vector<cli::plugin_argument>& arguments,
                                  checked_arguments& checked) {
  if (!parsed.is_map()) return "";
  for (const cli::plugin_argument& argument : arguments) {
    auto [name, dest] = names_of(argument);
    const value* given = parsed.find(dest);
    if (given == nullptr || given->is_nil()) continue;
    std::optional<std::vector<std::string>> texts = texts_of(*given);
    if (!texts) return fmt::format("the master's value of --{} is not a value or a list of values", name);
    try {
      checked.emplace_back(name, cli::checked_plugin_values(argument, cli::raw_value{*texts, "the master"}));
    } catch (const cli::config_error& error) {
      return error.what();
    }
  }
  return "";
}

}  // namespace locustpp::cluster
