// locustpp command line: wording of bad-value errors — see value_errors.hpp.
#include "cli/value_errors.hpp"

#include <fmt/format.h>

#include "cli/config_error.hpp"

namespace locustpp::cli {
namespace {

std::string origin_note(const raw_value& source) {
  return source.origin.empty() ? std::string() : ", from " + source.origin;
}

// A value typed on the command line (no other origin) is a usage error.
config_error::kind kind_of(const raw_value& source) {
  return source.origin.empty() ? config_error::kind::usage : config_error::kind::configuration;
}

}  // namespace

void throw_invalid_value(std::string_view option_name, std::string_view text, std::string_view expected, bool is_secret,
                         const raw_value& source) {
  if (is_secret) {
    throw config_error(
        fmt::format("invalid value for --{} (expected {}){}", option_name, expected, origin_note(source)),
        kind_of(source));
  }
  throw config_error(
      fmt::format("invalid value for --{}: '{}' (expected {}){}", option_name, text, expected, origin_note(source)),
      kind_of(source));
}

void throw_invalid_choice(std::string_view option_name, std::string_view text, const std::vector<std::string>& choices,
                          bool is_secret, const raw_value& source) {
  if (is_secret) {
    throw config_error(fmt::format("invalid choice for --{} (choose from {}){}", option_name, quoted_list(choices),
                                   origin_note(source)),
                       kind_of(source));
  }
  throw config_error(fmt::format("invalid choice for --{}: '{}' (choose from {}){}", option_name, text,
                                 quoted_list(choices), origin_note(source)),
                     kind_of(source));
}

std::string quoted_list(const std::vector<std::string>& items) {
  std::string result;
  for (const std::string& item : items) {
    if (!result.empty()) result += ", ";
    result += "'" + item + "'";
  }
  return result;
}

}  // namespace locustpp::cli
