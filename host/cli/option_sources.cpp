// locustpp command line: gathering raw option values — see option_sources.hpp.
#include "cli/option_sources.hpp"

#include <set>

#include <fmt/format.h>

#include "cli/closest_name.hpp"
#include "cli/config_error.hpp"

namespace locustpp::cli {
namespace fs = std::filesystem;
namespace {

bool same_file(const fs::path& a, const fs::path& b) {
  std::error_code error;
  return fs::equivalent(a, b, error);
}

void add_if_present(std::vector<fs::path>& chain, const fs::path& candidate) {
  std::error_code error;
  if (!fs::is_regular_file(candidate, error)) return;
  for (const fs::path& listed : chain) {
    if (same_file(listed, candidate)) return;
  }
  chain.push_back(candidate);
}

std::string not_supported_yet(std::string_view name, std::string_view origin) {
  return fmt::format("--{} (from {}) is a Locust option locustpp does not support yet: ignored", name, origin);
}

[[noreturn]] void reject_key(const config_file_contents& contents, const config_entry& entry,
                             std::string_view problem) {
  throw config_error(fmt::format("config file '{}', line {}: {}", contents.path.string(), entry.line, problem));
}

}  // namespace

std::vector<fs::path> config_file_chain(const environment_view& env, const fs::path& working_dir,
                                        const std::optional<std::string>& explicit_file) {
  std::vector<fs::path> chain;
  if (const auto home = lookup_variable(env, "HOME")) add_if_present(chain, fs::path(*home) / ".locust.conf");
  add_if_present(chain, working_dir / "pyproject.toml");
  add_if_present(chain, working_dir / "locust.conf");
  if (explicit_file) {
    const fs::path given(*explicit_file);
    chain.push_back(given.is_absolute() ? given : working_dir / given);
  }
  return chain;
}

void collect_config_file(const config_file_contents& contents, const option_catalog& catalog, unknown_key_policy policy,
                         raw_values& into, std::vector<std::string>& warnings) {
  for (const config_entry& entry : contents.entries) {
    const known_option* option = catalog.find(entry.key);
    if (option == nullptr) {
      if (policy == unknown_key_policy::skip) continue;
      std::string problem = fmt::format("unknown option '{}'", entry.key);
      if (const auto suggestion = closest_name(entry.key, catalog.config_keys())) {
        problem += fmt::format(". Did you mean '{}'?", *suggestion);
      }
      reject_key(contents, entry, problem);
    }
    if (!option->allowed_in_config_file) {
      reject_key(contents, entry, fmt::format("'{}' cannot be set in a config file", entry.key));
    }
    if (option->locust_only) {
      warnings.push_back(not_supported_yet(
          option->name, fmt::format("config file '{}', line {}", contents.path.string(), entry.line)));
      continue;
    }
    // Within one file, as across files, the last assignment wins.
    into[option->name] =
        raw_value{{entry.value}, fmt::format("config file '{}', line {}", contents.path.string(), entry.line)};
  }
}

void collect_environment(const environment_view& env, const option_catalog& catalog, raw_values& into,
                         std::vector<std::string>& warnings) {
  for (const known_option& option : catalog.options()) {
    if (const auto value = lookup_variable(env, option.env_var)) {
      if (option.locust_only) {
        warnings.push_back(not_supported_yet(option.name, "environment variable " + option.env_var));
        continue;
      }
      into[option.name] = raw_value{{*value}, "environment variable " + option.env_var};
    }
  }
}

void collect_command_line(const parsed_command_line& command_line, const option_catalog& catalog, raw_values& into,
                          std::vector<std::string>& warnings) {
  std::set<std::string> seen_on_command_line;
  for (const command_line_option& given : command_line.options) {
    const known_option* option = catalog.find(given.name);
    if (option != nullptr && option->locust_only) {
      warnings.push_back(not_supported_yet(option->name, "the command line"));
      continue;
    }
    const bool accumulates =
        option != nullptr && (option->arity == value_arity::multiple || option->arity == value_arity::repeated);
    raw_value& slot = into[given.name];
    // The first occurrence replaces whatever files or variables said.
    if (seen_on_command_line.insert(given.name).second || !accumulates) slot = raw_value{};
    slot.texts.insert(slot.texts.end(), given.values.begin(), given.values.end());
  }
}

}  // namespace locustpp::cli
