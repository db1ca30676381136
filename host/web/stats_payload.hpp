// The JSON bodies of Locust's statistics routes, field for field as Locust
// 2.4x serves them (locust/web.py): /stats/requests, /exceptions, and our
// /stats/history (the chart points Locust hands its page in template_args).
// Names and error texts are HTML-escaped as Locust escapes them (html_text.hpp).
#pragma once

#include <map>
#include <string>

#include "control/controller.hpp"

namespace locustpp::web {

// At most this many request rows (then Aggregated) and errors, as Locust:
// more would make the page render slowly.
inline constexpr std::size_t max_rows = 500;

// extended_rows: the rows modules published for their tabs, by tab key (JSON
// arrays), served as Locust's extended_stats.
std::string stats_requests_json(const control::controller& controller,
                                const std::map<std::string, std::string>& extended_rows, double now_epoch);
std::string exceptions_json(const stats::stats_registry& registry);
std::string history_json(const control::chart_history& history);

}  // namespace locustpp::web
