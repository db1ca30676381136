// Locust's console tables: request stats, response time percentiles, error and exception reports.
#pragma once

#include <string>

#include "stats/stats_registry.hpp"

namespace locustpp::report {

// Locust's STATS_NAME_WIDTH when stdout is not a terminal; the layout is built around it.
inline constexpr int console_name_width = 80;
inline constexpr int console_type_width = 8;

// Every function returns whole lines, each ending in '\n'. Response times are shown in
// ms through format_ms(). Names, methods, failure texts and exceptions are shown through
// terminal_safe() (text_safety.hpp), so a target or plugin cannot send escape sequences to
// the terminal or break a row. Call them on the control thread (they read the registry).

// The request table. The periodic table passes use_current_rps=true (10 s window at
// now_epoch); the final summary passes false (whole-run rates; now_epoch is then unused).
std::string format_request_table(const stats::stats_registry& registry, double now_epoch, bool use_current_rps);

// "Response time percentiles (exact to 1%)": one row per entry with requests, then Aggregated.
std::string format_percentile_table(const stats::stats_registry& registry);

// "Error report" with one "METHOD NAME: error" row per failure group; "" if there are none.
std::string format_error_report(const stats::stats_registry& registry);

// "Exceptions": count, message and traceback per user-code exception; "" if there are none.
std::string format_exception_report(const stats::stats_registry& registry);

}  // namespace locustpp::report
