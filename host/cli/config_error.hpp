// locustpp command line: the single error type of the cli module.
//
// Everything that can go wrong while reading options — a malformed time span,
// an unknown option, a bad value in locust.conf — is reported as a
// config_error whose what() is a complete, user-facing sentence, so callers
// only have to print it and exit.
#pragma once

#include <stdexcept>
#include <string>

namespace locustpp::cli {

class config_error : public std::runtime_error {
 public:
  enum class kind {
    configuration,  // a config file, an environment variable, a module's declaration: exit code 1
    usage,          // what was typed on the command line: exit code 2, as argparse does
  };
  explicit config_error(const std::string& message, kind what = kind::configuration)
      : std::runtime_error(message), kind_(what) {}
  bool usage_error() const noexcept { return kind_ == kind::usage; }
  // Locust's exit code for it.
  int exit_code() const noexcept { return usage_error() ? 2 : 1; }

 private:
  kind kind_;
};

}  // namespace locustpp::cli
