// locustpp C++ SDK — the web UI extension (locustpp/abi/web_ui.h): tabs with
// tables and their rows, download links, and login. Every call is a no-op
// returning false on a host without a web UI extension; a declaration the
// host refuses throws std::invalid_argument with the host's message.
//
//   locustpp::web_ui::add_tab("content-length", "Content Length",
//                             {{"name", "Name"}, {"size", "Total content length"}});
//   locustpp::web_ui::publish_rows("content-length", R"([{"name": "/", "size": 120}])");
#pragma once

#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "locustpp/abi/web_ui.h"
#include "locustpp/host.hpp"
#include "locustpp/module.hpp"

namespace locustpp::web_ui {

// The host's extension table, or null.
inline const locustpp_web_extension* extension() {
  return static_cast<const locustpp_web_extension*>(::locustpp::extension(LOCUSTPP_WEB_EXTENSION_ID));
}

// `text` as a JSON string literal, quotes included.
inline std::string json_string(std::string_view text) {
  std::string out = "\"";
  for (unsigned char c : text) {
    switch (c) {
      case '"':
        out += "\\\"";
        break;
      case '\\':
        out += "\\\\";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\r':
        out += "\\r";
        break;
      case '\t':
        out += "\\t";
        break;
      default:
        if (c < 0x20) {
          static constexpr char digits[] = "0123456789abcdef";
          out += "\\u00";
          out += digits[c >> 4];
          out += digits[c & 15];
        } else {
          out += static_cast<char>(c);
        }
    }
  }
  return out + "\"";
}

namespace detail {
template <class Call>
bool checked(Call&& call) {
  const locustpp_web_extension* table = extension();
  if (table == nullptr) return false;
  char message[512];
  std::size_t size = 0;
  if (call(*table, locustpp_error_buffer{message, sizeof(message), &size}) != LOCUSTPP_OK) {
    throw std::invalid_argument(std::string(message, size < sizeof(message) ? size : sizeof(message)));
  }
  return true;
}
}  // namespace detail

struct column {
  std::string key, title;
};

// A tab with a table (Locust's extended_tabs / extended_tables).
inline bool add_tab(const std::string& key, const std::string& title, const std::vector<column>& columns) {
  std::string json = "[";
  for (const column& c : columns) {
    if (json.size() > 1) json += ",";
    json += "{\"key\":" + json_string(c.key) + ",\"title\":" + json_string(c.title) + "}";
  }
  json += "]";
  return detail::checked([&](const locustpp_web_extension& table, locustpp_error_buffer error) {
    return table.add_tab(&host(), key.c_str(), title.c_str(), to_abi(json), error);
  });
}

// A link under "Download data" (Locust's extended_csv_files).
inline bool add_download(const std::string& href, const std::string& title) {
  return detail::checked([&](const locustpp_web_extension& table, locustpp_error_buffer error) {
    return table.add_download(&host(), href.c_str(), title.c_str(), error);
  });
}

// The rows of tab `key`: a JSON array of objects keyed by the columns. Any thread.
inline bool publish_rows(const std::string& key, std::string_view rows_json) {
  return detail::checked([&](const locustpp_web_extension& table, locustpp_error_buffer error) {
    return table.publish_rows(&host(), key.c_str(), to_abi(rows_json), error);
  });
}

// --web-login: what the login page offers (Locust's auth_args), as JSON.
inline bool set_login(std::string_view auth_args_json) {
  return detail::checked([&](const locustpp_web_extension& table, locustpp_error_buffer error) {
    return table.set_login(&host(), to_abi(auth_args_json), error);
  });
}

// Inside a route handler: log the client in as `user` (Locust's login_user).
inline bool log_in(const web_response& response, std::string_view user) {
  const locustpp_web_extension* table = extension();
  if (table == nullptr) return false;
  table->log_in(&response.raw(), to_abi(user));
  return true;
}

// Inside a route handler: a message for the login page (session["auth_error"] / ["auth_info"]).
inline bool login_message(const web_response& response, std::string_view message, bool is_error = true) {
  const locustpp_web_extension* table = extension();
  if (table == nullptr) return false;
  table->login_message(&response.raw(), to_abi(message), is_error ? 1 : 0);
  return true;
}

}  // namespace locustpp::web_ui
