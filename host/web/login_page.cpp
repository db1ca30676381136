// Rendering the login page (see login_page.hpp). Every text from auth_args
// or the message is HTML-escaped.
#include "web/login_page.hpp"

#include <rapidjson/document.h>

#include "web/html_text.hpp"

namespace locustpp::web {
namespace {

std::string string_of(const rapidjson::Value& object, const char* name, std::string fallback = "") {
  if (!object.IsObject() || !object.HasMember(name) || !object[name].IsString()) return fallback;
  return object[name].GetString();
}
bool flag_of(const rapidjson::Value& object, const char* name) {
  return object.IsObject() && object.HasMember(name) && object[name].IsBool() && object[name].GetBool();
}

std::string input_of(const rapidjson::Value& input) {
  const std::string name = html_escape(string_of(input, "name"));
  const std::string label = html_escape(string_of(input, "label", string_of(input, "name")));
  const std::string required = flag_of(input, "is_required") ? " required" : "";
  if (input.HasMember("choices") && input["choices"].IsArray()) {
    std::string select = "<label>" + label + "<select name=\"" + name + "\"" +
                         (flag_of(input, "is_multiple") ? " multiple" : "") + required + ">";
    for (const auto& choice : input["choices"].GetArray()) {
      if (choice.IsString()) select += "<option>" + html_escape(choice.GetString()) + "</option>";
    }
    return select + "</select></label>";
  }
  if (input.HasMember("default_value") && input["default_value"].IsBool()) {
    return "<label class=\"check\"><input type=\"checkbox\" name=\"" + name + "\" value=\"true\"" +
           (input["default_value"].GetBool() ? " checked" : "") + ">" + label + "</label>";
  }
  std::string type = flag_of(input, "is_secret") ? "password" : html_escape(string_of(input, "type", "text"));
  std::string value = input.HasMember("default_value") && input["default_value"].IsString()
                          ? html_escape(input["default_value"].GetString())
                          : "";
  return "<label>" + label + "<input type=\"" + type + "\" name=\"" + name + "\" value=\"" + value + "\"" + required +
         "></label>";
}

std::string username_password_form(const std::string& action) {
  return "<form method=\"post\" action=\"" + html_escape(action) +
         "\"><label>Username<input name=\"username\" id=\"username\" autocomplete=\"username\" required></label>"
         "<label>Password<input type=\"password\" name=\"password\" id=\"password\" "
         "autocomplete=\"current-password\" required></label><button type=\"submit\" id=\"login\">Log in</button>"
         "</form>";
}

}  // namespace

std::string render_login_page(const login_page_content& content) {
  rapidjson::Document args;
  if (!content.auth_args_json.empty()) args.Parse(content.auth_args_json.c_str());
  if (!args.IsObject()) args.SetObject();
  const std::string& base = content.base_path;
  std::string body;
  if (!content.message.empty()) {
    const bool error = content.message.front() == 'e';
    body += std::string("<p class=\"") + (error ? "error" : "info") + "\" id=\"login-message\">" +
            html_escape(content.message.substr(1)) + "</p>";
  }
  std::string callback = string_of(args, "username_password_callback");
  if (!callback.empty()) {
    body += username_password_form(base + callback);
  } else if (content.built_in_form) {
    body += username_password_form(base + "/login");
  }
  if (args.HasMember("custom_form") && args["custom_form"].IsObject()) {
    const rapidjson::Value& form = args["custom_form"];
    body += "<form method=\"post\" id=\"custom-form\" action=\"" + html_escape(base + string_of(form, "callback_url")) +
            "\">";
    if (form.HasMember("inputs") && form["inputs"].IsArray()) {
      for (const auto& input : form["inputs"].GetArray()) body += input_of(input);
    }
    body +=
        "<button type=\"submit\">" + html_escape(string_of(form, "submit_button_text", "Log in")) + "</button></form>";
  }
  if (args.HasMember("auth_providers") && args["auth_providers"].IsArray()) {
    for (const auto& provider : args["auth_providers"].GetArray()) {
      std::string icon = string_of(provider, "icon_url");
      body += "<a class=\"provider\" href=\"" + html_escape(base + string_of(provider, "callback_url")) + "\">" +
              (icon.empty() ? "" : "<img alt=\"\" src=\"" + html_escape(icon) + "\">") +
              html_escape(string_of(provider, "label")) + "</a>";
    }
  }
  const std::string title = html_escape(string_of(args, "title", "locustpp"));
  return "<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>" + title +
         "</title>\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><style>"
         "body{font:14px system-ui,sans-serif;display:flex;justify-content:center;margin-top:10vh;background:#f3f5f7}"
         "main{background:#fff;padding:2em;border-radius:8px;min-width:22em;box-shadow:0 2px 8px #0002}"
         "form{display:flex;flex-direction:column;gap:.8em;margin:1em 0}label{display:flex;flex-direction:column;"
         "gap:.2em}label.check{flex-direction:row}input,select,button{padding:.45em;font:inherit}"
         ".error{color:#b3261e}.info{color:#1b6e3c}a.provider{display:block;margin:.5em 0}"
         "a.provider img{height:1.2em;vertical-align:middle;margin-right:.4em}</style></head>\n<body><main><h1>" +
         title + "</h1>" + body + "</main></body></html>\n";
}

}  // namespace locustpp::web
