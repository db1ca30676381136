// window.templateArgs for the page (see template_args.hpp).
#include "web/template_args.hpp"

#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <filesystem>
#include <limits>

#include "cli/plugin_arguments.hpp"
#include "control/runner_state.hpp"

namespace locustpp::web {
namespace {

using json_writer = rapidjson::Writer<rapidjson::StringBuffer>;

void text(json_writer& out, std::string_view value) {
  out.String(value.data(), static_cast<rapidjson::SizeType>(value.size()));
}
void key(json_writer& out, std::string_view name) {
  out.Key(name.data(), static_cast<rapidjson::SizeType>(name.size()));
}

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
  const bool tested = controller.state() != LOCUSTPP_STATE_READY;
  key(out, "num_users");
  out.Uint64(tested ? controller.target_user_count() : static_cast<std::uint64_t>(page.options.users));
  key(out, "spawn_rate");
  out.Double(tested ? controller.spawn_rate() : page.options.spawn_rate);
  key(out, "run_time");
  text(out, page.options.run_time ? std::to_string(static_cast<std::int64_t>(*page.options.run_time)) : "");
  key(out, "user_count");
  out.Uint64(controller.user_count());
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
  // Locust's extended_tabs, extended_tables and extended_csv_files, from modules.
  const std::vector<ui_tab> tabs = page.extensions.tabs();
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
  for (const ui_download& download : page.extensions.downloads()) {
    out.StartObject();
    key(out, "href");
    text(out, download.href);
    key(out, "title");
    text(out, download.title);
    out.EndObject();
  }
  out.EndArray();
  key(out, "locustfile");
  text(out, page.options.locustfiles.empty()
                ? ""
                : std::filesystem::path(page.options.locustfiles.front()).filename().string());
  key(out, "version");
  text(out, LOCUSTPP_VERSION);
  key(out, "is_distributed");
  out.Bool(false);
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

}  // namespace locustpp::web
