// The "locustpp.web.v1" extension table and what it collects (see ui_extensions.hpp).
#include "web/ui_extensions.hpp"

#include <rapidjson/document.h>
#include <spdlog/spdlog.h>

#include <algorithm>
#include <cstring>

#include "abi/abi_text.hpp"
#include "plugin/catalog.hpp"
#include "report/text_safety.hpp"
#include "web/route_writer.hpp"

namespace locustpp::web {
namespace {

ui_extensions* installed = nullptr;  // the process's one; set before modules load

std::string text_of(locustpp_string text) {
  return std::string(view_of(text));
}
std::string text_of(const char* text) {
  return text == nullptr ? std::string{} : std::string{text};
}

std::int32_t add_tab(const locustpp_host_api* self, const char* key, const char* title, locustpp_string columns,
                     locustpp_error_buffer error) {
  return abi_status(installed->add_tab(plugin::module_of(self).id, text_of(key), text_of(title), text_of(columns)),
                    error);
}

std::int32_t add_download(const locustpp_host_api* self, const char* href, const char* title,
                          locustpp_error_buffer error) {
  return abi_status(installed->add_download(plugin::module_of(self).id, text_of(href), text_of(title)), error);
}

std::int32_t publish_rows(const locustpp_host_api*, const char* key, locustpp_string rows,
                          locustpp_error_buffer error) {
  return abi_status(installed->publish_rows(text_of(key), text_of(rows)), error);
}

std::int32_t set_login(const locustpp_host_api* self, locustpp_string auth_args, locustpp_error_buffer error) {
  return abi_status(installed->set_login(plugin::module_of(self).id, text_of(auth_args)), error);
}

void log_in(const locustpp_web_response* response, locustpp_string user) {
  route_writer::of(response).login.user = text_of(user);
}

void login_message(const locustpp_web_response* response, locustpp_string message, std::int32_t is_error) {
  login_request& login = route_writer::of(response).login;
  login.message = text_of(message);
  login.message_is_error = is_error != 0;
}

const locustpp_web_extension table{
    sizeof(locustpp_web_extension), &add_tab, &add_download, &publish_rows, &set_login, &log_in, &login_message};

}  // namespace

const locustpp_web_extension& ui_extensions::install() {
  installed = this;
  return table;
}

std::string ui_extensions::add_tab(const std::string& module, const std::string& key, const std::string& title,
                                   const std::string& columns_json) {
  if (key.empty()) return "web tab: the key is empty";
  rapidjson::Document columns;
  columns.Parse(columns_json.c_str());
  bool valid = columns.IsArray() && !columns.Empty();
  if (valid) {
    for (const auto& column : columns.GetArray()) {
      valid = valid && column.IsObject() && column.HasMember("key") && column["key"].IsString() &&
              column.HasMember("title") && column["title"].IsString();
    }
  }
  if (!valid) {
    return "web tab '" + key + "': columns must be a JSON array like [{\"key\": \"name\", \"title\": \"Name\"}]";
  }
  std::lock_guard guard(lock_);
  for (const ui_tab& tab : tabs_) {
    if (tab.key == key) return "web tab '" + key + "' is already declared by module " + tab.module;
  }
  std::string scratch;  // the JSON goes into pages as it is: it must be UTF-8 there
  tabs_.push_back({key, title.empty() ? key : title, std::string(report::valid_utf8(columns_json, scratch)), module});
  return "";
}

std::string ui_extensions::add_download(const std::string& module, const std::string& href, const std::string& title) {
  if (!href.starts_with('/')) return "web download '" + href + "': the link starts with /";
  std::lock_guard guard(lock_);
  downloads_.push_back({href, title.empty() ? href : title, module});
  return "";
}

std::string ui_extensions::publish_rows(const std::string& key, const std::string& rows_json) {
  rapidjson::Document rows;
  rows.Parse(rows_json.c_str());
  bool valid = rows.IsArray();
  if (valid) {
    for (const auto& row : rows.GetArray()) valid = valid && row.IsObject();
  }
  if (!valid) return "web tab '" + key + "': rows must be a JSON array of objects";
  std::lock_guard guard(lock_);
  if (std::none_of(tabs_.begin(), tabs_.end(), [&](const ui_tab& tab) { return tab.key == key; })) {
    return "web tab '" + key + "' was not declared (add_tab)";
  }
  std::string scratch;
  rows_[key] = report::valid_utf8(rows_json, scratch);
  return "";
}

std::string ui_extensions::set_login(const std::string& module, const std::string& auth_args_json) {
  rapidjson::Document args;
  args.Parse(auth_args_json.c_str());
  if (!args.IsObject()) return "web login: auth_args must be a JSON object";
  std::lock_guard guard(lock_);
  std::string scratch;
  auth_args_ = report::valid_utf8(auth_args_json, scratch);
  login_module_ = module;
  return "";
}

void ui_extensions::forget_module(std::string_view module_id) {
  std::lock_guard guard(lock_);
  for (const ui_tab& tab : tabs_) {
    if (tab.module == module_id) rows_.erase(tab.key);
  }
  std::erase_if(tabs_, [&](const ui_tab& tab) { return tab.module == module_id; });
  std::erase_if(downloads_, [&](const ui_download& download) { return download.module == module_id; });
  if (login_module_ == module_id) {
    auth_args_.clear();
    login_module_.clear();
  }
}

std::vector<ui_tab> ui_extensions::tabs() const {
  std::lock_guard guard(lock_);
  return tabs_;
}

std::vector<ui_download> ui_extensions::downloads() const {
  std::lock_guard guard(lock_);
  return downloads_;
}

std::string ui_extensions::auth_args_json() const {
  std::lock_guard guard(lock_);
  return auth_args_;
}

std::map<std::string, std::string> ui_extensions::rows() const {
  std::lock_guard guard(lock_);
  return rows_;
}

}  // namespace locustpp::web
