// A config file as the command line reads it (cli/config_file,
// pyproject_config): split into entries, the keys looked up among the
// options, the values converted and checked as for the run (option_sources,
// builtin_values, value_text). The first byte picks the format: locust.conf
// or pyproject.toml's [tool.locust]. A file it cannot use must end in a
// config_error (the user sees its message); anything else thrown, or a
// crash, is a finding. Checks that an entry has a key without the line's
// end in it, and that list items are never empty.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "cli/builtin_values.hpp"
#include "cli/config_error.hpp"
#include "cli/config_file.hpp"
#include "cli/option_catalog.hpp"
#include "cli/option_sources.hpp"
#include "cli/pyproject_config.hpp"
#include "cli/raw_values.hpp"
#include "cli/run_options.hpp"
#include "cli/value_text.hpp"

#include "fuzz_require.hpp"

namespace {

using namespace locustpp::cli;

// The typed readers every option's text goes through.
void read_every_way(std::string_view text) {
  (void)parse_bool_text(text);
  (void)parse_integer_text(text);
  (void)parse_number_text(text);
  for (const bool blanks_separate : {false, true}) {
    for (const std::string& item : split_list_text(text, blanks_separate)) FUZZ_REQUIRE(!item.empty());
  }
  FUZZ_REQUIRE(unquote(text).size() <= text.size());
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  const bool toml = (data[0] & 1) != 0;
  const std::string_view text(reinterpret_cast<const char*>(data) + 1, size - 1);
  static const option_catalog catalog;

  config_file_contents contents;
  try {
    contents = toml ? parse_pyproject_text(text, "pyproject.toml") : parse_config_text(text, "locust.conf");
  } catch (const config_error&) {
    return 0;
  }
  for (const config_entry& entry : contents.entries) {
    FUZZ_REQUIRE(!entry.key.empty() && entry.key.find('\n') == std::string::npos);
    FUZZ_REQUIRE(entry.line >= 1);
    read_every_way(entry.value);
  }

  raw_values values;
  std::vector<std::string> warnings;
  run_options options;
  try {
    collect_config_file(contents, catalog, unknown_key_policy::reject, values, warnings);
    apply_builtin_values(values, options);
  } catch (const config_error& error) {
    FUZZ_REQUIRE(*error.what() != '\0');
  }
  return 0;
}
