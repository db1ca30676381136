// Locust's REST API over the controller (see locust_api.hpp).
#include "web/locust_api.hpp"

#include <fmt/chrono.h>
#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include <cmath>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "cli/builtin_values.hpp"
#include "cli/config_error.hpp"
#include "cli/plugin_arguments.hpp"
#include "cli/plugin_values.hpp"
#include "report/csv_files.hpp"
#include "runtime/task_ratio.hpp"
#include "stats/clock.hpp"
#include "web/form_fields.hpp"
#include "web/html_report.hpp"
#include "web/json_writer.hpp"
#include "web/stats_payload.hpp"
#include "web/template_args.hpp"

namespace locustpp::web {
namespace {

// {"success": false, "message": ..., "host": ...}: Locust answers a refused
// swarm with status 200 and success false.
web_response swarm_refused(const std::string& message, const std::string& host) {
  spdlog::warn("web UI: test not started: {}", message);
  return web_response::json(
      fmt::format(R"({{"success": false, "message": {}, "host": {}}})", json::quote(message), json::quote(host)));
}

// "Locust_2026-11-30-10h45_locustfile_127.0.0.1_8080": Locust's download names.
std::string download_name(const cli::run_options& options, const std::string& host) {
  std::time_t now = std::time(nullptr);
  std::tm local{};
  localtime_r(&now, &local);
  std::string name = fmt::format("Locust_{:%Y-%m-%d-%Hh%M}", local);
  if (!options.locustfiles.empty()) name += "_" + std::filesystem::path(options.locustfiles.front()).stem().string();
  if (!host.empty()) {
    std::string cleaned;
    for (char c : host.substr(host.find("://") == std::string::npos ? 0 : host.find("://") + 3)) {
      cleaned += std::isalnum(static_cast<unsigned char>(c)) || c == '.' || c == '-' ? c : '_';
    }
    name += "_" + cleaned;
  }
  return name;
}

}  // namespace

std::optional<web_response> locust_api::serve(const web_request& request) const {
  const std::string& path = request.path;
  const bool get = request.method == "GET" || request.method == "HEAD";
  const stats::stats_registry& registry = controller_.registry();
  const auto csv_style = options_.csv_exact ? report::csv_numbers::exact : report::csv_numbers::locust;
  if (path == "/swarm" && request.method == "POST") return swarm(request);
  if (path == "/user" && request.method == "POST") return update_user_class(request);
  if (!get) return std::nullopt;
  if (path == "/stop") {
    controller_.stop();
    return web_response::json(R"({"success": true, "message": "Test stopped"})");
  }
  if (path == "/stats/reset") {
    controller_.reset_stats();
    return web_response::text("ok");
  }
  if (path == "/stats/requests")
    return web_response::json(stats_requests_json(controller_, extensions_.rows(), stats::epoch_seconds_now()));
  if (path == "/stats/history") return web_response::json(history_json(controller_.history()));
  if (path == "/stats/requests/csv") return download(report::stats_csv(registry, csv_style), "requests");
  if (path == "/stats/failures/csv") return download(report::failures_csv(registry), "failures");
  if (path == "/exceptions/csv") return download(report::exceptions_csv(registry), "exceptions");
  if (path == "/stats/requests_full_history/csv") return full_history_csv();
  if (path == "/exceptions") return web_response::json(exceptions_json(registry));
  if (path == "/stats/report") return html_report_answer(request);
  if (path == "/tasks") {
    const std::vector<std::uint64_t> running = controller_.users_per_class();
    return web_response::json(runtime::task_ratio_json(controller_.plan(), &running));
  }
  if (path == "/worker-count") {
    return web_response::json(fmt::format(R"({{"worker_count": {}}})", controller_.workers().size()));
  }
  if (path == "/logs") {
    std::string body = R"({"master": [)";
    bool first = true;
    for (const std::string& line : logs_.last()) {
      body += (first ? "" : ", ") + json::quote(line);
      first = false;
    }
    return web_response::json(body + R"(], "workers": {}})");
  }
  return std::nullopt;
}

// POST /swarm, form-encoded: user_count, spawn_rate, host, run_time,
// user_classes (repeated). Locust reads only the fields present; so do we,
// keeping the command line's values for the others.
web_response locust_api::swarm(const web_request& request) const {
  form_fields form(request.body);
  control::test_request test;
  const std::string& current_host = controller_.host();
  // The numbers go through the command line's own checks, with its messages.
  cli::raw_values given;
  for (auto [field, option] :
       {std::pair{"user_count", "users"}, {"spawn_rate", "spawn-rate"}, {"run_time", "run-time"}}) {
    if (auto value = form.last(field); value && !value->empty()) given[option] = cli::raw_value{{*value}, "the web UI"};
  }
  cli::run_options checked = options_;
  try {
    cli::apply_builtin_values(given, checked);
  } catch (const cli::config_error& error) {
    return swarm_refused(error.what(), current_host);
  }
  test.users = static_cast<std::uint64_t>(checked.users);
  test.spawn_rate = checked.spawn_rate;
  if (given.contains("run-time")) test.run_time = checked.run_time;
  if (auto host = form.last("host")) {
    std::string cleaned;
    for (char c : *host) {
      if (c != '<' && c != '>') cleaned += c;  // as Locust: no markup through the host field
    }
    test.host = cleaned;
  }
  // As Locust: the form chooses classes only with --class-picker.
  if (options_.class_picker) test.user_classes = form.all("user_classes");
  if (std::string problem = read_plugin_arguments(form, test.arguments); !problem.empty()) {
    return swarm_refused(problem, current_host);
  }
  if (std::string problem = controller_.start(test); !problem.empty()) return swarm_refused(problem, current_host);
  std::string body =
      fmt::format(R"({{"success": true, "message": "Swarming started", "host": {})", json::quote(controller_.host()));
  if (test.run_time) body += fmt::format(R"(, "run_time": {})", *test.run_time);
  if (!test.user_classes.empty()) {
    std::vector<std::string> sorted = test.user_classes;
    std::sort(sorted.begin(), sorted.end());
    body += R"(, "user_classes": [)";
    for (std::size_t i = 0; i < sorted.size(); ++i) body += (i > 0 ? ", " : "") + json::quote(sorted[i]);
    body += "]";
  }
  return web_response::json(body + "}");
}

std::string locust_api::read_plugin_arguments(
    const form_fields& form, std::vector<std::pair<std::string, std::vector<std::string>>>& read) const {
  for (const cli::plugin_argument& argument : catalog_.arguments) {
    if (!argument.include_in_web_ui) continue;
    const std::string name = cli::bare_name(argument);
    std::vector<std::string> given = form.all(form_field_of(name));
    if (given.empty()) given = form.all(name);
    if (given.empty()) continue;
    try {
      read.emplace_back(name, cli::checked_plugin_values(argument, cli::raw_value{given, "the web UI"}));
    } catch (const cli::config_error& error) {
      return error.what();
    }
  }
  return "";
}

// /stats/report: the HTML report so far; ?download=1 as a file, ?theme=dark.
web_response locust_api::html_report_answer(const web_request& request) const {
  form_fields query(request.query);
  const stats::stats_entry& total = controller_.registry().total();
  double end = total.last_request_timestamp() > 0 ? total.last_request_timestamp() : stats::epoch_seconds_now();
  report_context context{options_, extensions_, controller_, total.start_time(), end, query.last("theme") == "dark"};
  std::string html = html_report(context);
  if (query.last("download").value_or("") == "1" || query.last("download") == "true") {
    return web_response::attachment(std::move(html), "text/html; charset=utf-8",
                                    download_name(options_, controller_.host()) + ".html");
  }
  return web_response::text(std::move(html), 200, "text/html; charset=utf-8");
}

// POST /user, JSON {user_class_name, weight?, fixed_count?, host?, tasks?}:
// 201 {} as Locust; a refusal is a 400 with the reason.
web_response locust_api::update_user_class(const web_request& request) const {
  std::string problem;
  try {
    // JSON text only: a body naming a file is not JSON (nothing is opened).
    std::vector<runtime::class_settings> settings = runtime::read_class_settings_json(request.body, catalog_);
    for (const runtime::class_settings& one : settings) {
      if (problem.empty()) problem = controller_.update_class(one);
    }
  } catch (const std::exception& error) {
    problem = error.what();
    if (problem.starts_with("--config-users: ")) problem.erase(0, 16);  // the same check, another door
  }
  if (!problem.empty()) {
    return web_response::json(fmt::format(R"({{"success": false, "message": {}}})", json::quote(problem)), 400);
  }
  return web_response::json("{}", 201);
}

web_response locust_api::download(std::string body, const std::string& suffix) const {
  return web_response::attachment(std::move(body), "text/csv",
                                  download_name(options_, controller_.host()) + "_" + suffix + ".csv");
}

// The --csv-full-history file as written so far; 404 without it, as Locust.
web_response locust_api::full_history_csv() const {
  if (!options_.csv_prefix || !options_.csv_full_history) {
    return web_response::text("Not found: start with --csv PREFIX --csv-full-history\n", 404);
  }
  std::ifstream file(*options_.csv_prefix + "_stats_history.csv", std::ios::binary);
  std::stringstream content;
  content << file.rdbuf();
  return download(content.str(), "requests_full_history");
}

}  // namespace locustpp::web
