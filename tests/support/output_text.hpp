// Test support: reading what a process printed, line by line.
#pragma once

#include <sstream>
#include <string>
#include <vector>

namespace locustpp::testing {

inline std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  std::string line;
  while (std::getline(in, line)) lines.push_back(line);
  return lines;
}

inline bool starts_with(const std::string& text, const std::string& prefix) { return text.rfind(prefix, 0) == 0; }
inline bool contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

inline std::vector<std::string> lines_starting_with(const std::string& text, const std::string& prefix) {
  std::vector<std::string> found;
  for (const auto& line : lines_of(text)) {
    if (starts_with(line, prefix)) found.push_back(line);
  }
  return found;
}

}  // namespace locustpp::testing
