// Request and percentile tables, column for column as Locust's get_stats_summary() and
// get_percentile_stats_summary() print them.
#include "report/console_tables.hpp"

#include <fmt/format.h>

#include <iterator>
#include <string_view>

#include "report/format_ms.hpp"
#include "report/text_safety.hpp"
#include "stats/reported_percentiles.hpp"

namespace locustpp::report {
namespace {

// The request table's name column borrows 4 characters from the narrowed numeric columns.
constexpr int request_name_width = console_name_width - console_type_width + 4;

std::string dashes(int count) { return std::string(static_cast<std::size_t>(count), '-'); }

void append_request_row(std::string& out, const stats::stats_entry& entry, double now_epoch, bool use_current_rps) {
  // Locust prints "GET " (type plus a space) and nothing for Aggregated.
  const std::string type = entry.method().empty() ? std::string{} : terminal_safe(entry.method()) + " ";
  const std::string fails = fmt::format("{}({:.2f}%)", entry.num_failures(), entry.fail_ratio() * 100.0);
  const double rps = use_current_rps ? entry.current_rps(now_epoch) : entry.total_rps();
  const double fail_per_sec = use_current_rps ? entry.current_fail_per_sec(now_epoch) : entry.total_fail_per_sec();
  // No space between Max and Med: Locust's "%7d %7d %7d%7d" (the header matches).
  fmt::format_to(std::back_inserter(out), "{:<{}} {:<{}} {:>7} {:>12} |{:>7} {:>7} {:>7}{:>7} | {:>7.2f} {:>11.2f}\n",
                 type, console_type_width, terminal_safe(entry.name()), request_name_width, entry.num_requests(), fails,
                 format_ms(entry.avg_response_time_ms()), format_ms(entry.min_response_time_ms()),
                 format_ms(entry.max_response_time_ms()), format_ms(entry.median_response_time_ms()), rps,
                 fail_per_sec);
}

void append_percentile_row(std::string& out, const stats::stats_entry& entry) {
  fmt::format_to(std::back_inserter(out), "{:<{}} {:<{}}", terminal_safe(entry.method()), console_type_width,
                 terminal_safe(entry.name()), console_name_width);
  bool first = true;
  for (const stats::reported_percentile& percentile : stats::percentiles_to_report) {
    // The first percentile column is 8 wide, the others 6, as in Locust.
    fmt::format_to(std::back_inserter(out), " {:>{}}", format_ms(entry.percentile_ms(percentile.fraction)),
                   first ? 8 : 6);
    first = false;
  }
  fmt::format_to(std::back_inserter(out), " {:>6}\n", entry.num_requests());
}

}  // namespace

std::string format_request_table(const stats::stats_registry& registry, double now_epoch, bool use_current_rps) {
  std::string out;
  fmt::format_to(std::back_inserter(out), "{:<{}} {:<{}} {:>7} {:>12} |{:>7} {:>7} {:>7}{:>7} | {:>7} {:>11}\n",
                 "Type", console_type_width, "Name", request_name_width, "# reqs", "# fails", "Avg", "Min", "Max",
                 "Med", "req/s", "failures/s");
  const std::string separator = fmt::format("{}|{}|{}|{}|{}|{}|{}|{}|{}|{}\n", dashes(console_type_width),
                                            dashes(request_name_width), dashes(7), dashes(13), dashes(7), dashes(7),
                                            dashes(7), dashes(7), dashes(8), dashes(11));
  out += separator;
  for (const stats::stats_entry* entry : registry.sorted_entries()) {
    append_request_row(out, *entry, now_epoch, use_current_rps);
  }
  out += separator;
  append_request_row(out, registry.total(), now_epoch, use_current_rps);
  return out;
}

std::string format_percentile_table(const stats::stats_registry& registry) {
  std::string out = "Response time percentiles (exact to 1%)\n";
  fmt::format_to(std::back_inserter(out), "{:<{}} {:<{}}", "Type", console_type_width, "Name", console_name_width);
  std::string separator = dashes(console_type_width) + "|" + dashes(console_name_width);
  bool first = true;
  for (const stats::reported_percentile& percentile : stats::percentiles_to_report) {
    const int width = first ? 8 : 6;
    fmt::format_to(std::back_inserter(out), " {:>{}}", percentile.column, width);
    separator += "|" + dashes(width);
    first = false;
  }
  out += fmt::format(" {:>6}\n", "# reqs");
  separator += "|" + dashes(6) + "\n";

  out += separator;
  for (const stats::stats_entry* entry : registry.sorted_entries()) {
    if (entry->num_requests() != 0) append_percentile_row(out, *entry);
  }
  out += separator;
  if (registry.total().num_requests() != 0) append_percentile_row(out, registry.total());
  return out;
}

}  // namespace locustpp::report
