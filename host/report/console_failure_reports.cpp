// Error and exception reports printed after the final tables (Locust's get_error_report_summary()).
#include "report/console_tables.hpp"

#include <fmt/format.h>

#include <iterator>
#include <string_view>

#include "report/text_safety.hpp"

namespace locustpp::report {
namespace {

constexpr int count_column_width = 18;

std::string failure_separator() {
  // Locust: 18 dashes, '|', then the rest of a (80 + name width) wide table.
  return std::string(count_column_width, '-') + "|" +
         std::string(static_cast<std::size_t>(80 + console_name_width - count_column_width - 1), '-') + "\n";
}

}  // namespace

std::string format_error_report(const stats::stats_registry& registry) {
  const auto errors = registry.sorted_errors();
  if (errors.empty()) return {};
  std::string out = "Error report\n";
  fmt::format_to(std::back_inserter(out), "{:<18} {:<100}\n", "# occurrences", "Error");
  const std::string separator = failure_separator();
  out += separator;
  for (const stats::error_entry* error : errors) {
    const std::string text =
        fmt::format("{} {}: {}", terminal_safe(error->method), terminal_safe(error->name), terminal_safe(error->error));
    fmt::format_to(std::back_inserter(out), "{:<18} {:<100}\n", error->occurrences, text);
  }
  out += separator;
  out += "\n";
  return out;
}

std::string format_exception_report(const stats::stats_registry& registry) {
  const auto exceptions = registry.sorted_exceptions();
  if (exceptions.empty()) return {};
  std::string out = "Exceptions\n";
  fmt::format_to(std::back_inserter(out), "{:<18} {}\n", "# occurrences", "Message");
  const std::string separator = failure_separator();
  out += separator;
  for (const stats::exception_entry* exception : exceptions) {
    fmt::format_to(std::back_inserter(out), "{:<18} {}\n", exception->count, terminal_safe(exception->message));
    // The traceback goes under the message column, one line at a time.
    std::string_view rest = exception->traceback;
    while (!rest.empty()) {
      const std::size_t newline = rest.find('\n');
      const std::string_view line = rest.substr(0, newline);
      if (!line.empty()) fmt::format_to(std::back_inserter(out), "{:<18} {}\n", "", terminal_safe(line));
      rest = newline == std::string_view::npos ? std::string_view{} : rest.substr(newline + 1);
    }
  }
  out += separator;
  out += "\n";
  return out;
}

}  // namespace locustpp::report
