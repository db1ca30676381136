// locustpp command line: the --help text — see help_text.hpp.
#include "cli/help_text.hpp"

#include <algorithm>

#include <fmt/format.h>

#include "cli/option_table.hpp"
#include "cli/plugin_arguments.hpp"
#include "cli/value_errors.hpp"

namespace locustpp::cli {
namespace {

constexpr std::size_t help_column = 30;  // where descriptions start
constexpr std::size_t line_width = 79;

// Appends `text` word-wrapped, every line indented to the help column.
// `first_line_used` is how much of the current line is already taken.
void append_wrapped(std::string& out, std::string_view text, std::size_t first_line_used) {
  if (text.find_first_not_of(' ') == std::string_view::npos) {  // nothing to say: no padding
    out += '\n';
    return;
  }
  std::size_t column = first_line_used;
  if (column < help_column) {
    out.append(help_column - column, ' ');
    column = help_column;
  }
  bool line_empty = true;
  std::size_t pos = 0;
  while (pos < text.size()) {
    // A bracketed note such as "[env: LOCUST_USERS]" is kept on one line so
    // it can be read (and grepped) whole.
    const std::size_t closing = text[pos] == '[' ? text.find(']', pos) : std::string_view::npos;
    const std::size_t word_end =
        closing != std::string_view::npos ? closing + 1 : std::min(text.find(' ', pos), text.size());
    const std::string_view word = text.substr(pos, word_end - pos);
    pos = word_end + 1;
    if (word.empty()) continue;
    if (!line_empty && column + 1 + word.size() > line_width) {
      out += '\n';
      out.append(help_column, ' ');
      column = help_column;
      line_empty = true;
    }
    if (!line_empty) {
      out += ' ';
      ++column;
    }
    out += word;
    column += word.size();
    line_empty = false;
  }
  out += '\n';
}

// "  -u, --users <int>" followed by the wrapped description.
void append_entry(std::string& out, const std::string& spelling, const std::string& description) {
  out += spelling;
  if (spelling.size() + 2 > help_column) {  // too wide: description on the next line
    out += '\n';
    append_wrapped(out, description, 0);
  } else {
    append_wrapped(out, description, spelling.size());
  }
}

std::string builtin_spelling(const builtin_option& option) {
  std::string spelling = "  ";
  if (option.short_name != '\0') spelling += fmt::format("-{}, ", option.short_name);
  spelling += fmt::format("--{}", option.name);
  if (!option.metavar.empty()) spelling += fmt::format(" {}", option.metavar);
  return spelling;
}

std::string builtin_description(const builtin_option& option) {
  std::string description(option.help);
  if (!option.env_var.empty()) description += fmt::format(" [env: {}]", option.env_var);
  if (!option.default_text.empty()) description += fmt::format(" [default: {}]", option.default_text);
  return description;
}

std::string_view plugin_metavar(const plugin_argument& argument) {
  if (argument.type == argument_type::boolean) return "";
  if (is_multi_valued(argument)) return "<value> [<value> ...]";
  switch (argument.type) {
    case argument_type::integer:
      return "<int>";
    case argument_type::floating:
      return "<float>";
    default:
      return "<value>";
  }
}

std::string plugin_description(const plugin_argument& argument) {
  std::string description = argument.help;
  if (!argument.choices.empty()) {
    description += fmt::format(" [choices: {}]", quoted_list(argument.choices));
  }
  if (!argument.env_var.empty()) description += fmt::format(" [env: {}]", argument.env_var);
  if (argument.default_value) {
    // The whole point of is_secret: its value, default included, stays hidden.
    description += argument.is_secret ? std::string(" [default: (secret)]")
                                      : fmt::format(" [default: {}]", *argument.default_value);
  }
  if (argument.is_required) description += " [required]";
  if (!argument.owner.empty()) description += fmt::format(" [plugin: {}]", argument.owner);
  return description;
}

void append_builtin_groups(std::string& out) {
  for (const option_group group :
       {option_group::common, option_group::master, option_group::worker, option_group::tags, option_group::statistics,
        option_group::logging, option_group::network, option_group::other}) {
    out += fmt::format("\n{}:\n", group_title(group));
    for (const builtin_option& option : builtin_options()) {
      if (option.group == group && !option.locust_only) {
        append_entry(out, builtin_spelling(option), builtin_description(option));
      }
    }
  }
}

}  // namespace

std::string help_text(const std::vector<plugin_argument>& plugin_args) {
  std::string out =
      "Usage: locustpp [options] [UserClass ...]\n"
      "\n"
      "Options are also read from ~/.locust.conf, ./locust.conf and the --config file\n"
      "(keys are option names without dashes, e.g. 'users = 5'), and from LOCUST_*\n"
      "environment variables. Precedence: config files < environment < command line.\n";

  append_builtin_groups(out);

  out += "\nUser classes:\n";
  append_entry(out, "  <UserClass1 UserClass2>",
               "At the end of the command line, you can list User classes to be used "
               "(available User classes can be listed with --list). Default: all. "
               "[env: LOCUST_USER_CLASSES]");

  // Plugin arguments by group (Locust's argument groups), groups in the
  // order they first appear.
  std::vector<std::string> groups;
  for (const plugin_argument& argument : plugin_args) {
    std::string title = argument.group.empty() ? "Custom arguments" : argument.group;
    if (std::find(groups.begin(), groups.end(), title) == groups.end()) groups.push_back(title);
  }
  for (const std::string& title : groups) {
    out += fmt::format("\n{}:\n", title);
    for (const plugin_argument& argument : plugin_args) {
      if ((argument.group.empty() ? "Custom arguments" : argument.group) != title) continue;
      std::string spelling = "  " + argument.name;
      if (const std::string_view metavar = plugin_metavar(argument); !metavar.empty()) {
        spelling += fmt::format(" {}", metavar);
      }
      append_entry(out, spelling, plugin_description(argument));
    }
  }
  return out;
}

}  // namespace locustpp::cli
