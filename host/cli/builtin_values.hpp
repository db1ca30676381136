// locustpp command line: turning collected text into the typed run_options
// members of built-in options, with every range and choice check.
#pragma once

#include "cli/raw_values.hpp"
#include "cli/run_options.hpp"

namespace locustpp::cli {

// Converts each built-in option present in `values` (names without dashes)
// and stores it in `options`; options absent from `values` keep their
// defaults. Plugin values are ignored here. Throws config_error naming the
// option, the bad text and where it came from.
void apply_builtin_values(const raw_values& values, run_options& options);

}  // namespace locustpp::cli
