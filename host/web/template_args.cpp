// window.templateArgs for the page (see template_args.hpp).
#include "web/template_args.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <filesystem>
#include <limits>

#include "cli/plugin_arguments.hpp"
#include "control/run_state.hpp"
#include "report/utc_time.hpp"
#include "runtime/task_ratio.hpp"
#include "web/html_text.hpp"
#include "web/json_writer.hpp"
#include "web/stats_payload.hpp"

namespace locustpp::web {
namespace {

using json_writer = json::writer;
using json::key;
using json::text;

void write_argument(json_writer& out, const cli::plugin_argument& argument, const runtime::option_board& values) {
  out.StartObject();
  key(out, "default_value");
  out.StartArray();
  // A secret's value never reaches the page: the form leaves it as it is unless retyped.
  if (!argument.is_secret) {
    for (const std::string& value : values.values(cli::bare_name(argument))) text(out, value);
  }
  out.EndArray();
  key(out, "help");
  text(out, argument.help);
  key(out, "type");
  text(out, argument.type == cli::argument_type::boolean ? "bool" : cli::to_string(argument.type));
  key(out, "choices");
  out.StartArray();
  for (const std::string& choice : argument.choices) text(out, choice);
  out.EndArray();
  key(out, "is_secret");
  out.Bool(argument.is_secret);
  key(out, "is_required");
  out.Bool(argument.is_required);
  key(out, "is_multiple");
  out.Bool(argument.is_multiple || argument.type == cli::argument_type::list);
  out.EndObject();
}

// Locust's extended_tabs, extended_tables and extended_csv_files, from modules.
void write_extensions(json_writer& out, const ui_extensions& extensions) {
  const std::vector<ui_tab> tabs = extensions.tabs();
  key(out, "extended_tabs");
  out.StartArray();
  for (const ui_tab& tab : tabs) {
    out.StartObject();
    key(out, "title");
    text(out, tab.title);
    key(out, "key");
    text(out, tab.key);
    out.EndObject();
  }
  out.EndArray();
  key(out, "extended_tables");
  out.StartArray();
  for (const ui_tab& tab : tabs) {
    out.StartObject();
    key(out, "key");
    text(out, tab.key);
    key(out, "structure");
    out.RawValue(tab.columns_json.c_str(), tab.columns_json.size(), rapidjson::kArrayType);
    out.EndObject();
  }
  out.EndArray();
  key(out, "extended_csv_files");
  out.StartArray();
  for (const ui_download& download : extensions.downloads()) {
    out.StartObject();
    key(out, "href");
    text(out, download.href);
    key(out, "title");
    text(out, download.title);
    out.EndObject();
  }
  out.EndArray();
}

}  // namespace

std::string form_field_of(const std::string& bare_name) {
  std::string field = bare_name;
  for (char& c : field) {
    if (c == '-') c = '_';
  }
  return field;
}

std::string template_args_json(const page_context& page) {
  const control::controller& controller = page.controller;
  rapidjson::StringBuffer buffer;
  json_writer out(buffer);
  out.StartObject();
  key(out, "base_path");
  text(out, page.base_path);
  key(out, "host");
  text(out, controller.host());
  key(out, "state");
  text(out, control::state_name(controller.state()));
  const bool tested = controller.state() != control::run_state::ready;
  key(out, "num_users");
  out.Uint64(tested ? controller.target_user_count() : static_cast<std::uint64_t>(page.options.users));
  key(out, "spawn_rate");
  out.Double(tested ? controller.spawn_rate() : page.options.spawn_rate);
  key(out, "run_time");
  text(out, page.options.run_time ? std::to_string(static_cast<std::int64_t>(*page.options.run_time)) : "");
  key(out, "user_count");
  out.Uint64(controller.user_count());
  key(out, "show_userclass_picker");
  out.Bool(page.options.class_picker);
  key(out, "available_user_classes");
  out.StartArray();
  for (const auto& planned : controller.plan().classes) text(out, planned.model->name);
  out.EndArray();
  key(out, "extra_options");
  out.StartObject();
  for (const cli::plugin_argument& argument : page.catalog.arguments) {
    if (!argument.include_in_web_ui) continue;
    key(out, form_field_of(cli::bare_name(argument)));
    write_argument(out, argument, page.values);
  }
  out.EndObject();
  write_extensions(out, page.extensions);
  key(out, "locustfile");
  text(out, page.options.locustfiles.empty()
                ? ""
                : std::filesystem::path(page.options.locustfiles.front()).filename().string());
  key(out, "version");
  text(out, LOCUSTPP_VERSION);
  key(out, "is_distributed");
  out.Bool(page.controller.users_are_remote());
  key(out, "percentiles_to_chart");
  out.StartArray();
  out.Double(0.5);
  out.Double(0.95);
  out.EndArray();
  key(out, "percentiles_to_statistics");
  out.StartArray();
  out.Double(0.95);
  out.Double(0.99);
  out.EndArray();
  out.EndObject();
  return buffer.GetString();
}

namespace {

// The percentiles of the report's response time table, as Locust's report.
constexpr double report_percentiles[] = {0.5, 0.6, 0.7, 0.8, 0.9, 0.95, 0.99, 1.0};

std::string utc_text(double epoch) {
  std::string iso = report::format_utc_iso8601(epoch);  // 2026-11-30T10:00:05Z
  if (iso.size() >= 19) iso[10] = ' ';
  return iso.substr(0, 19);
}

std::string duration_text(double seconds) {
  auto total = static_cast<std::int64_t>(std::max(0.0, seconds));
  std::int64_t hours = total / 3600, minutes = total % 3600 / 60, rest = total % 60;
  std::string text;
  if (hours > 0) text += std::to_string(hours) + " h ";
  if (hours > 0 || minutes > 0) text += std::to_string(minutes) + " min ";
  return text + std::to_string(rest) + " s";
}

void write_percentile_row(json_writer& out, const stats::stats_entry& entry) {
  out.StartObject();
  key(out, "method");
  text(out, html_escape(entry.method()));
  key(out, "name");
  text(out, html_escape(entry.name()));
  for (double fraction : report_percentiles) {
    key(out, fmt::format("{}", fraction));
    if (entry.num_requests() == 0) {
      out.Null();
    } else {
      out.Double(entry.percentile_ms(fraction));
    }
  }
  out.EndObject();
}

}  // namespace

std::string report_args_json(const report_context& report) {
  const control::controller& controller = report.controller;
  const stats::stats_registry& registry = controller.registry();
  rapidjson::StringBuffer buffer;
  json_writer out(buffer);
  out.StartObject();
  key(out, "is_report");
  out.Bool(true);
  key(out, "theme");
  text(out, report.dark ? "dark" : "light");
  key(out, "host");
  text(out, controller.host());
  key(out, "locustfile");
  text(out, report.options.locustfiles.empty()
                ? ""
                : std::filesystem::path(report.options.locustfiles.front()).filename().string());
  key(out, "start_time");
  text(out, utc_text(report.start_epoch));
  key(out, "end_time");
  text(out, utc_text(report.end_epoch));
  key(out, "duration");
  text(out, duration_text(report.end_epoch - report.start_epoch));
  const std::string requests = stats_requests_json(controller, report.extensions.rows(), report.end_epoch);
  key(out, "requests");
  out.RawValue(requests.c_str(), requests.size(), rapidjson::kObjectType);
  const std::string exceptions = exceptions_json(registry);
  key(out, "exceptions");
  out.RawValue(exceptions.c_str(), exceptions.size(), rapidjson::kObjectType);
  const std::string history = history_json(controller.history());
  key(out, "history");
  out.RawValue(history.c_str(), history.size(), rapidjson::kArrayType);
  const std::string tasks = runtime::task_ratio_json(controller.plan());
  key(out, "tasks");
  out.RawValue(tasks.c_str(), tasks.size(), rapidjson::kObjectType);
  key(out, "report_percentiles");
  out.StartArray();
  for (double fraction : report_percentiles) out.Double(fraction);
  out.EndArray();
  key(out, "response_time_statistics");
  out.StartArray();
  for (const stats::stats_entry* entry : registry.sorted_entries()) write_percentile_row(out, *entry);
  write_percentile_row(out, registry.total());
  out.EndArray();
  write_extensions(out, report.extensions);
  out.EndObject();
  return buffer.GetString();
}

}  // namespace locustpp::web
