// What modules add to the web UI through the "locustpp.web.v1" extension
// (locustpp/abi/web_ui.h): tabs with tables, download links, the rows the
// tabs show, and the login page's offer (auth_args). One per process,
// installed before modules load so that register_module can use it.
//
// Thread rules: declarations (tabs, downloads, login) on the control thread
// before the web UI serves; rows from any thread (under the lock); reads on
// the control thread.
#pragma once

#include <map>
#include <mutex>
#include <string>
#include <vector>

#include "locustpp/abi/web_ui.h"
#include "plugin/extension_registrations.hpp"

namespace locustpp::web {

struct ui_tab {
  std::string key, title;
  std::string columns_json;  // [{"key", "title"}, ...], checked
  std::string module;        // the module that added it
};

struct ui_download {
  std::string href, title;
  std::string module;  // the module that added it
};

class ui_extensions final : public plugin::extension_registrations {
 public:
  // Makes this the object the extension table serves; returns the table.
  const locustpp_web_extension& install();

  std::vector<ui_tab> tabs() const;
  std::vector<ui_download> downloads() const;
  std::string auth_args_json() const;  // "" when no module set one
  // {"key": rows} of every tab that has rows.
  std::map<std::string, std::string> rows() const;

  // For the table's functions (and tests). "" or why the call was refused.
  // The JSON is kept with invalid UTF-8 in its strings replaced (U+FFFD):
  // pages embed it as it is.
  std::string add_tab(const std::string& module, const std::string& key, const std::string& title,
                      const std::string& columns_json);
  std::string add_download(const std::string& module, const std::string& href, const std::string& title);
  std::string publish_rows(const std::string& key, const std::string& rows_json);
  std::string set_login(const std::string& module, const std::string& auth_args_json);
  // A refused module's tabs (with their rows), downloads and login offer go
  // (plugin::extension_registrations).
  void forget_module(std::string_view module_id) override;

 private:
  mutable std::mutex lock_;
  std::vector<ui_tab> tabs_;
  std::vector<ui_download> downloads_;
  std::map<std::string, std::string> rows_;  // by tab key: a JSON array
  std::string auth_args_;
  std::string login_module_;  // the module whose auth_args_ they are
};

// What a route handler's log_in / login_message asked for, read back by the
// host from the response writer after the handler returns.
struct login_request {
  std::string user;     // "" = none
  std::string message;  // for the login page
  bool message_is_error = false;
};

}  // namespace locustpp::web
