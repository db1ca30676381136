// locustpp command line: LOCUST_* environment variables — see environment.hpp.
#include "cli/environment.hpp"

#include <unistd.h>  // environ

namespace locustpp::cli {

environment_view environment_view::from_process() {
  environment_view view;
  for (char** entry = environ; entry != nullptr && *entry != nullptr; ++entry) {
    const std::string_view text(*entry);
    const auto equals = text.find('=');
    if (equals == std::string_view::npos) continue;  // malformed; nothing to look up
    view.vars.emplace(std::string(text.substr(0, equals)), std::string(text.substr(equals + 1)));
  }
  return view;
}

std::optional<std::string> lookup_variable(const environment_view& env, std::string_view name) {
  if (name.empty()) return std::nullopt;
  const auto found = env.vars.find(std::string(name));
  if (found == env.vars.end() || found->second.empty()) return std::nullopt;
  return found->second;
}

}  // namespace locustpp::cli
