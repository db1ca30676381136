// locustpp command line: the [tool.locust] table of a pyproject.toml, as
// Locust 2.24+ reads it. Only what Locust's keys need of TOML is understood:
//   [tool.locust]
//   users = 10              # integers, floats, true/false
//   host = "http://x"       # "basic" (escapes) and 'literal' strings
//   tags = ["a", "b"]       # arrays, on one line or several
// Scalars become text; arrays become comma-separated text (Locust: "lists
// stay lists"). Other tables are skipped. Anything else in the table (dates,
// inline tables, multi-line strings) is a config_error naming the line.
#pragma once

#include <filesystem>
#include <string_view>

#include "cli/config_file.hpp"

namespace locustpp::cli {

config_file_contents parse_pyproject_text(std::string_view text, const std::filesystem::path& path);

}  // namespace locustpp::cli
