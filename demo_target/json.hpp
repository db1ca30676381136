// Just enough JSON for the demo target: escaping strings into responses, and
// reading the string members of a request body object ({"username": ...}).
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>

namespace demo_target {

// Appends `text` as a quoted JSON string. Valid UTF-8 passes through; bytes
// that are not valid UTF-8 are written as \u00XX so the output stays valid JSON.
void append_json_string(std::string& out, std::string_view text);

// Parses a JSON object and returns its members whose values are strings
// (others, including nested values, are validated and skipped).
// std::nullopt if the text is not a single well-formed JSON object.
std::optional<std::map<std::string, std::string>> parse_json_string_members(std::string_view text);

}  // namespace demo_target
