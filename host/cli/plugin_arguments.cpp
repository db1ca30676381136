// locustpp command line: rules for plugin-declared arguments — see plugin_arguments.hpp.
#include "cli/plugin_arguments.hpp"

#include <algorithm>
#include <set>

#include <fmt/format.h>

#include "cli/config_error.hpp"
#include "cli/option_table.hpp"
#include "cli/value_text.hpp"

namespace locustpp::cli {
namespace {

bool is_name_char(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' ||
         c == '_';
}

bool is_valid_name(std::string_view name) {
  if (name.size() < 3 || name.substr(0, 2) != "--" || name[2] == '-' || name[2] == '_')
    return false;
  return std::all_of(name.begin() + 2, name.end(), is_name_char);
}

std::string owner_label(const plugin_argument& argument) {
  return argument.owner.empty() ? std::string("a plugin")
                                : fmt::format("plugin '{}'", argument.owner);
}

[[noreturn]] void reject_declaration(const plugin_argument& argument, std::string_view problem) {
  throw config_error(fmt::format("{} declares an invalid argument '{}': {}", owner_label(argument),
                                 argument.name, problem));
}

void validate_default(const plugin_argument& argument) {
  if (!argument.default_value) return;
  for (const std::string& item : split_plugin_texts(argument, {*argument.default_value})) {
    const std::string shown =
        argument.is_secret ? std::string("the default") : fmt::format("default '{}'", item);
    const std::optional<std::string> normalized = normalize_item(argument.type, item);
    if (!normalized) {
      reject_declaration(argument,
                         fmt::format("{} is not {}", shown, expected_form(argument.type)));
    }
    if (!is_allowed_choice(argument, *normalized)) {
      reject_declaration(argument, fmt::format("{} is not one of its choices", shown));
    }
  }
}

}  // namespace

std::string_view to_string(argument_type type) {
  switch (type) {
    case argument_type::string:
      return "string";
    case argument_type::integer:
      return "integer";
    case argument_type::floating:
      return "floating";
    case argument_type::boolean:
      return "boolean";
    case argument_type::list:
      return "list";
  }
  return "string";
}

std::string bare_name(const plugin_argument& argument) {
  std::string_view name = argument.name;
  while (!name.empty() && name.front() == '-') name.remove_prefix(1);
  return std::string(name);
}

bool is_multi_valued(const plugin_argument& argument) {
  return argument.type == argument_type::list || argument.is_multiple;
}

void validate_plugin_declarations(const std::vector<plugin_argument>& plugin_args) {
  std::set<std::string> seen;
  for (const plugin_argument& argument : plugin_args) {
    if (!is_valid_name(argument.name)) {
      reject_declaration(argument, "names must look like --my-argument");
    }
    const std::string name = bare_name(argument);
    if (find_builtin_option(name) != nullptr) {
      reject_declaration(argument, "the name is taken by a built-in option");
    }
    if (!seen.insert(name).second) {
      reject_declaration(argument, "another plugin argument already uses this name");
    }
    if (argument.is_multiple && argument.type == argument_type::boolean) {
      reject_declaration(argument, "a boolean cannot be is_multiple");
    }
    validate_default(argument);
  }
}

std::vector<std::string> split_plugin_texts(const plugin_argument& argument,
                                            const std::vector<std::string>& texts) {
  if (!is_multi_valued(argument)) {
    if (texts.empty()) return {};
    return {texts.back()};
  }
  std::vector<std::string> items;
  for (const std::string& text : texts) {
    for (std::string& item : split_list_text(text, /*blanks_separate=*/false)) {
      items.push_back(std::move(item));
    }
  }
  return items;
}

std::optional<std::string> normalize_item(argument_type type, std::string_view item) {
  switch (type) {
    case argument_type::string:
    case argument_type::list:
      return std::string(item);
    case argument_type::integer:
      if (!parse_integer_text(item)) return std::nullopt;
      return std::string(trim(item));
    case argument_type::floating:
      if (!parse_number_text(item)) return std::nullopt;
      return std::string(trim(item));
    case argument_type::boolean: {
      const std::optional<bool> value = parse_bool_text(item);
      if (!value) return std::nullopt;
      return std::string(*value ? "true" : "false");
    }
  }
  return std::nullopt;
}

std::string_view expected_form(argument_type type) {
  switch (type) {
    case argument_type::string:
    case argument_type::list:
      return "text";
    case argument_type::integer:
      return "an integer";
    case argument_type::floating:
      return "a number";
    case argument_type::boolean:
      return "true or false";
  }
  return "text";
}

bool is_allowed_choice(const plugin_argument& argument, std::string_view item) {
  return argument.choices.empty() || std::find(argument.choices.begin(), argument.choices.end(),
                                               item) != argument.choices.end();
}

}  // namespace locustpp::cli
