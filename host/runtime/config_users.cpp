// --config-users (see config_users.hpp).
#include "runtime/config_users.hpp"

#include <fmt/format.h>
#include <rapidjson/document.h>
#include <rapidjson/error/en.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <sstream>
#include <stdexcept>

namespace locustpp::runtime {
namespace {

[[noreturn]] void refuse(const std::string& problem) {
  throw std::runtime_error("--config-users: " + problem);
}

std::string json_text_of(const std::string& value) {
  std::error_code ec;
  if (value.ends_with(".json") || (std::filesystem::is_regular_file(value, ec) && !value.starts_with('['))) {
    std::ifstream file(value);
    if (!file) refuse(fmt::format("cannot read '{}'", value));
    std::stringstream text;
    text << file.rdbuf();
    return text.str();
  }
  return value;
}

const plugin::user_class_model* find_class(const plugin::catalog& catalog, const std::string& name) {
  for (const auto& model : catalog.user_classes) {
    if (model->name == name) return model.get();
  }
  return nullptr;
}

class_settings read_one(const rapidjson::Value& object, const plugin::catalog& catalog) {
  if (!object.IsObject()) refuse("each entry is a JSON object");
  class_settings settings;
  for (const auto& member : object.GetObject()) {
    std::string key = member.name.GetString();
    const rapidjson::Value& value = member.value;
    if (key == "user_class_name" && value.IsString()) {
      settings.user_class = value.GetString();
    } else if (key == "weight" && value.IsNumber() && value.GetDouble() >= 0) {
      settings.weight = value.GetDouble();
    } else if (key == "fixed_count" && value.IsUint()) {
      settings.fixed_count = value.GetUint();
    } else if (key == "host" && value.IsString()) {
      settings.host = value.GetString();
    } else if (key == "tasks" && value.IsArray()) {
      settings.tasks.emplace();
      for (const auto& task : value.GetArray()) {
        if (!task.IsString()) refuse("\"tasks\" is a list of task names");
        settings.tasks->emplace_back(task.GetString());
      }
    } else {
      refuse(
          fmt::format("unknown key or wrong type for \"{}\" (known: user_class_name, weight, fixed_count, host, "
                      "tasks)",
                      key));
    }
  }
  if (settings.user_class.empty()) refuse("an entry has no \"user_class_name\"");
  const plugin::user_class_model* model = find_class(catalog, settings.user_class);
  if (model == nullptr) refuse(fmt::format("unknown user class '{}'", settings.user_class));
  for (const std::string& task : settings.tasks.value_or(std::vector<std::string>{})) {
    const auto& tasks = model->behaviour.tasks;
    bool known = std::any_of(tasks.begin(), tasks.end(), [&](const plugin::task_model& t) { return t.name == task; });
    if (!known) refuse(fmt::format("user class '{}' has no task '{}'", settings.user_class, task));
  }
  return settings;
}

}  // namespace

std::vector<class_settings> read_class_settings_json(const std::string& json, const plugin::catalog& catalog) {
  std::vector<class_settings> all;
  rapidjson::Document document;
  document.Parse(json.c_str(), json.size());
  if (document.HasParseError()) {
    refuse(fmt::format("not valid JSON at offset {}: {}", document.GetErrorOffset(),
                       rapidjson::GetParseError_En(document.GetParseError())));
  }
  if (document.IsArray()) {
    for (const auto& object : document.GetArray()) all.push_back(read_one(object, catalog));
  } else {
    all.push_back(read_one(document, catalog));
  }
  return all;
}

std::vector<class_settings> read_config_users(const std::vector<std::string>& values, const plugin::catalog& catalog) {
  std::vector<class_settings> all;
  for (const std::string& value : values) {
    std::vector<class_settings> read = read_class_settings_json(json_text_of(value), catalog);
    all.insert(all.end(), std::make_move_iterator(read.begin()), std::make_move_iterator(read.end()));
  }
  return all;
}

void apply_class_settings(const class_settings& settings, plugin::user_class_model& user_class) {
  if (settings.weight) user_class.weight = *settings.weight;
  if (settings.fixed_count) user_class.fixed_count = *settings.fixed_count;
  if (settings.host) user_class.host = *settings.host;
  if (settings.tasks) {
    auto& tasks = user_class.behaviour.tasks;
    tasks.erase(std::remove_if(tasks.begin(), tasks.end(),
                               [&](const plugin::task_model& task) {
                                 return std::find(settings.tasks->begin(), settings.tasks->end(), task.name) ==
                                        settings.tasks->end();
                               }),
                tasks.end());
  }
}

}  // namespace locustpp::runtime
