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
  explicit config_error(const std::string& message) : std::runtime_error(message) {}
};

}  // namespace locustpp::cli
