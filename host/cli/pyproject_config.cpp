// locustpp command line: [tool.locust] from pyproject.toml — see pyproject_config.hpp.
#include "cli/pyproject_config.hpp"

#include <fmt/format.h>

#include <cctype>

#include "cli/config_error.hpp"

namespace locustpp::cli {
namespace {

// Reads one TOML value (or array) from `text` at `pos`, line by line.
class toml_reader {
 public:
  toml_reader(std::string_view text, const std::filesystem::path& path) : text_(text), path_(path) {}

  bool at_end() const { return pos_ >= text_.size(); }
  int line() const { return line_; }

  // The next line, without its newline; advances.
  std::string_view next_line() {
    std::size_t end = text_.find('\n', pos_);
    if (end == std::string_view::npos) end = text_.size();
    std::string_view line = text_.substr(pos_, end - pos_);
    pos_ = end + 1;
    ++line_;
    return line;
  }

  // A key = value line's value (arrays may continue on the next lines).
  std::string value(std::string_view rest) {
    rest = trim(rest);
    if (rest.starts_with('[')) return array(rest.substr(1));
    std::string scalar_text = scalar(rest);
    if (!trim(rest).empty() && !trim(rest).starts_with('#')) fail("unexpected text after the value");
    return scalar_text;
  }

  [[noreturn]] void fail(std::string_view problem) const {
    throw config_error(fmt::format("config file '{}', line {}: {}", path_.string(), line_, problem));
  }

  static std::string_view trim(std::string_view text) {
    while (!text.empty() && (text.front() == ' ' || text.front() == '\t' || text.front() == '\r'))
      text.remove_prefix(1);
    while (!text.empty() && (text.back() == ' ' || text.back() == '\t' || text.back() == '\r')) text.remove_suffix(1);
    return text;
  }

 private:
  // One scalar at the start of `rest`, which is advanced past it.
  std::string scalar(std::string_view& rest) {
    if (rest.starts_with("\"\"\"") || rest.starts_with("'''")) fail("multi-line strings are not supported");
    if (rest.starts_with('"')) return basic_string(rest);
    if (rest.starts_with('\'')) {
      std::size_t close = rest.find('\'', 1);
      if (close == std::string_view::npos) fail("unterminated string");
      std::string out(rest.substr(1, close - 1));
      rest.remove_prefix(close + 1);
      return out;
    }
    if (rest.starts_with('{')) fail("inline tables are not supported");
    std::size_t end = 0;
    while (end < rest.size() && rest[end] != ',' && rest[end] != ']' && rest[end] != '#' && rest[end] != ' ' &&
           rest[end] != '\t') {
      ++end;
    }
    std::string token(rest.substr(0, end));
    rest.remove_prefix(end);
    rest = trim(rest);
    if (token.empty()) fail("a value is missing");
    for (char c : token) {
      if (!std::isalnum(static_cast<unsigned char>(c)) && c != '.' && c != '-' && c != '+' && c != '_') {
        fail("not a TOML number, boolean or string");
      }
    }
    return token;
  }

  std::string basic_string(std::string_view& rest) {
    std::string out;
    std::size_t i = 1;
    for (; i < rest.size() && rest[i] != '"'; ++i) {
      if (rest[i] != '\\') {
        out += rest[i];
        continue;
      }
      if (++i == rest.size()) break;
      switch (rest[i]) {
        case 'n':
          out += '\n';
          break;
        case 't':
          out += '\t';
          break;
        case '"':
          out += '"';
          break;
        case '\\':
          out += '\\';
          break;
        default:
          fail(fmt::format("unsupported escape \\{} in a string", rest[i]));
      }
    }
    if (i >= rest.size()) fail("unterminated string");
    rest.remove_prefix(i + 1);
    return out;
  }

  // The rest of an array after '[', over as many lines as it takes.
  std::string array(std::string_view rest) {
    std::string joined;
    for (;;) {
      rest = trim(rest);
      if (rest.empty() || rest.starts_with('#')) {
        if (at_end()) fail("unterminated array");
        rest = next_line();
        continue;
      }
      if (rest.starts_with(']')) {
        rest = trim(rest.substr(1));
        if (!rest.empty() && !rest.starts_with('#')) fail("unexpected text after the array");
        return joined;
      }
      if (rest.starts_with(',')) {
        rest.remove_prefix(1);
        continue;
      }
      if (!joined.empty()) joined += ',';
      joined += scalar(rest);
    }
  }

  std::string_view text_;
  const std::filesystem::path& path_;
  std::size_t pos_ = 0;
  int line_ = 0;
};

std::string bare_key(std::string_view key) {
  if (key.size() >= 2 && key.front() == '"' && key.back() == '"') key = key.substr(1, key.size() - 2);
  return std::string(key);
}

}  // namespace

config_file_contents parse_pyproject_text(std::string_view text, const std::filesystem::path& path) {
  config_file_contents contents;
  contents.path = path;
  toml_reader reader(text, path);
  bool in_locust_table = false;
  while (!reader.at_end()) {
    std::string_view line = toml_reader::trim(reader.next_line());
    if (line.find('\0') != std::string_view::npos) reader.fail("contains a NUL byte (is it a text file?)");
    if (line.empty() || line.starts_with('#')) continue;
    if (line.starts_with('[')) {
      std::string_view header = line.substr(0, line.find('#'));
      in_locust_table = toml_reader::trim(header) == "[tool.locust]";
      continue;
    }
    if (!in_locust_table) continue;
    std::size_t equals = line.find('=');
    if (equals == std::string_view::npos || equals == 0) reader.fail("expected 'name = value'");
    config_entry entry;
    entry.key = bare_key(toml_reader::trim(line.substr(0, equals)));
    entry.line = reader.line();
    entry.value = reader.value(line.substr(equals + 1));
    contents.entries.push_back(std::move(entry));
  }
  return contents;
}

}  // namespace locustpp::cli
