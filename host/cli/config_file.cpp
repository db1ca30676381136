// locustpp command line: reading locust.conf-style config files — see config_file.hpp.
#include "cli/config_file.hpp"

#include <algorithm>
#include <fstream>
#include <iterator>

#include <fmt/format.h>

#include "cli/config_error.hpp"
#include "cli/pyproject_config.hpp"
#include "cli/value_text.hpp"

namespace locustpp::cli {
namespace {

bool is_blank(char c) {
  return c == ' ' || c == '\t';
}

bool starts_key_separator(char c) {
  return c == '=' || c == ':' || is_blank(c);
}

// Cuts "value  # comment" down to "value"; a '#' or ';' only starts a comment
// after a blank so that URLs such as http://x/#frag survive.
std::string_view strip_inline_comment(std::string_view value) {
  for (std::size_t pos = 1; pos < value.size(); ++pos) {
    if ((value[pos] == '#' || value[pos] == ';') && is_blank(value[pos - 1])) {
      return value.substr(0, pos);
    }
  }
  return value;
}

bool is_ignored_line(std::string_view line) {
  return line.empty() || line.front() == '#' || line.front() == ';' || (line.front() == '[' && line.back() == ']') ||
         line == "---";
}

}  // namespace

config_file_contents parse_config_text(std::string_view text, const std::filesystem::path& path) {
  config_file_contents contents;
  contents.path = path;

  int line_number = 0;
  std::size_t line_start = 0;
  while (line_start <= text.size()) {
    const std::size_t line_end = std::min(text.find('\n', line_start), text.size());
    const std::string_view line = trim(text.substr(line_start, line_end - line_start));
    line_start = line_end + 1;
    ++line_number;
    if (line.find('\0') != std::string_view::npos) {
      throw config_error(fmt::format("config file '{}', line {}: contains a NUL byte (is it a text file?)",
                                     path.string(), line_number));
    }
    if (is_ignored_line(line)) continue;

    std::size_t key_end = 0;
    while (key_end < line.size() && !starts_key_separator(line[key_end])) ++key_end;
    if (key_end == 0) {
      throw config_error(fmt::format("config file '{}', line {}: expected 'name = value'", path.string(), line_number));
    }

    config_entry entry;
    entry.key = std::string(line.substr(0, key_end));
    entry.line = line_number;

    std::string_view rest = trim(line.substr(key_end));
    if (rest.empty()) {
      entry.value = "true";  // a bare key switches a flag on
    } else {
      if (rest.front() == '=' || rest.front() == ':') rest = trim(rest.substr(1));
      entry.value = std::string(unquote(trim(strip_inline_comment(rest))));
    }
    contents.entries.push_back(std::move(entry));
  }
  return contents;
}

config_file_contents read_config_file(const std::filesystem::path& path) {
  std::error_code error;
  if (!std::filesystem::is_regular_file(path, error)) {
    throw config_error(fmt::format("config file '{}' not found", path.string()));
  }
  std::ifstream stream(path, std::ios::binary);
  if (!stream.is_open()) {
    throw config_error(fmt::format("cannot read config file '{}'", path.string()));
  }
  const std::string text{std::istreambuf_iterator<char>(stream), std::istreambuf_iterator<char>()};
  if (stream.bad()) {
    throw config_error(fmt::format("cannot read config file '{}'", path.string()));
  }
  if (path.extension() == ".toml") return parse_pyproject_text(text, path);
  return parse_config_text(text, path);
}

}  // namespace locustpp::cli
