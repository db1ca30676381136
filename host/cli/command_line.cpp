// locustpp command line: splitting argv with Boost.Program_options — see command_line.hpp.
#include "cli/command_line.hpp"

#include <fmt/format.h>
#include <boost/program_options.hpp>

#include "cli/config_error.hpp"

namespace locustpp::cli {
namespace po = boost::program_options;
namespace {

const po::value_semantic* semantic_for(value_arity arity) {
  switch (arity) {
    case value_arity::flag:
      return po::bool_switch();
    case value_arity::single:
      return po::value<std::string>();
    case value_arity::multiple:
      return po::value<std::vector<std::string>>()->multitoken();
    case value_arity::repeated:
      return po::value<std::vector<std::string>>();
  }
  return po::value<std::string>();
}

po::options_description describe(const option_catalog& catalog) {
  po::options_description description;
  for (const known_option& option : catalog.options()) {
    std::string spelling = option.name;
    if (option.short_name != '\0') spelling += std::string(",") + option.short_name;
    // options_description takes ownership of the semantic.
    description.add_options()(spelling.c_str(), semantic_for(option.arity));
  }
  return description;
}

// Boost reports unknown long options without dashes and short ones with one.
std::string spelled_name(const po::option& option) {
  std::string name = option.string_key;
  if (name.empty() && !option.original_tokens.empty()) name = option.original_tokens.front();
  if (name.rfind('-', 0) != 0) name = "--" + name;
  if (const auto equals = name.find('='); equals != std::string::npos) name.resize(equals);
  return name;
}

// Our own wording for the syntax errors Boost can raise. The option name is
// all we echo: the rejected token might be a secret.
[[noreturn]] void rethrow_syntax_error(const po::error& error) {
  if (const auto* syntax = dynamic_cast<const po::invalid_command_line_syntax*>(&error)) {
    const std::string option = syntax->get_option_name();
    switch (syntax->kind()) {
      case po::invalid_syntax::missing_parameter:
        throw config_error(fmt::format("option '{}' needs a value", option), config_error::kind::usage);
      case po::invalid_syntax::extra_parameter:
        throw config_error(fmt::format("option '{}' does not take a value", option), config_error::kind::usage);
      default:
        break;
    }
  }
  throw config_error(fmt::format("invalid command line: {}", error.what()), config_error::kind::usage);
}

}  // namespace

bool parsed_command_line::has(std::string_view name) const {
  for (const command_line_option& option : options) {
    if (option.name == name) return true;
  }
  return false;
}

std::optional<std::string> parsed_command_line::last_value(std::string_view name) const {
  std::optional<std::string> value;
  for (const command_line_option& option : options) {
    if (option.name == name && !option.values.empty()) value = option.values.back();
  }
  return value;
}

parsed_command_line read_command_line(const std::vector<std::string>& args, const option_catalog& catalog) {
  const po::options_description description = describe(catalog);
  const int style = po::command_line_style::default_style & ~po::command_line_style::allow_guessing;

  po::parsed_options parsed(&description);
  try {
    parsed = po::command_line_parser(args).options(description).style(style).allow_unregistered().run();
  } catch (const po::error& error) {
    rethrow_syntax_error(error);
  }

  parsed_command_line result;
  for (const po::option& option : parsed.options) {
    if (option.unregistered) {
      result.unrecognized.push_back(spelled_name(option));
    } else if (option.position_key >= 0) {
      result.positionals.insert(result.positionals.end(), option.value.begin(), option.value.end());
    } else {
      const known_option* known = catalog.find(option.string_key);
      command_line_option recognized{option.string_key, option.value};
      if (known != nullptr && known->arity == value_arity::flag) recognized.values = {"true"};
      result.options.push_back(std::move(recognized));
    }
  }
  return result;
}

}  // namespace locustpp::cli
