/* locustpp plugin ABI — the web UI extension, "locustpp.web.v1": tabs with
 * tables, CSV download links and the rows they show (Locust's extended_tabs,
 * extended_tables, extended_csv_files and extended_stats), and login
 * (Locust's --web-login auth_args and login_user()).
 *
 * Found with host->get_extension(self, LOCUSTPP_WEB_EXTENSION_ID); NULL on a
 * host without a web UI. Structured data crosses as JSON text (UTF-8). */
#ifndef LOCUSTPP_ABI_WEB_UI_H
#define LOCUSTPP_ABI_WEB_UI_H

#include "locustpp/abi/base.h"
#include "locustpp/abi/web.h"

#ifdef __cplusplus
extern "C" {
#endif

#define LOCUSTPP_WEB_EXTENSION_ID "locustpp.web.v1"

struct locustpp_host_api;

typedef struct locustpp_web_extension {
  uint32_t struct_size;

  /* A tab showing a table: `key` names it (and its rows), `title` is shown,
   * `columns_json` is [{"key": "name", "title": "Name"}, ...]. Control
   * thread, before the web UI serves (in register_module or an init
   * listener). Returns LOCUSTPP_FAILED with a message for a bad declaration
   * (empty or repeated key, columns that are not that JSON). */
  int32_t (*add_tab)(const struct locustpp_host_api* self, const char* key, const char* title,
                     locustpp_string columns_json, locustpp_error_buffer error);
  /* A link under "Download data", e.g. a module's own CSV route; `href` is
   * relative to the base path ("/content-length/csv"). Same thread rules. */
  int32_t (*add_download)(const struct locustpp_host_api* self, const char* href, const char* title,
                          locustpp_error_buffer error);
  /* Replaces the rows of tab `key`: a JSON array of objects whose members
   * are the columns' keys. They reach the page and /stats/requests as
   * extended_stats: [{"key": key, "data": rows}]. Any thread. */
  int32_t (*publish_rows)(const struct locustpp_host_api* self, const char* key, locustpp_string rows_json,
                          locustpp_error_buffer error);

  /* --web-login: what the login page offers (Locust's auth_args), JSON:
   *   {"username_password_callback": "/login_submit",
   *    "auth_providers": [{"label": "GitHub", "callback_url": "/login/github", "icon_url": "..."}],
   *    "custom_form": {"inputs": [{"label", "name", "type", "default_value", "choices", "is_secret",
   *                                "is_required", "is_multiple"}],
   *                    "callback_url": "/login_submit", "submit_button_text": "Log in"},
   *    "title": "..."}
   * The callback routes are the module's own (module.route); they are served
   * without login. Control thread, before the web UI serves. */
  int32_t (*set_login)(const struct locustpp_host_api* self, locustpp_string auth_args_json,
                       locustpp_error_buffer error);
  /* Inside a route handler: the client that made the request is logged in
   * as `user` from now on (the answer carries the session cookie). */
  void (*log_in)(const locustpp_web_response* response, locustpp_string user);
  /* Inside a route handler: a message the login page shows next (Locust's
   * session["auth_error"] / session["auth_info"]); `is_error` 0 for info. */
  void (*login_message)(const locustpp_web_response* response, locustpp_string message, int32_t is_error);
} locustpp_web_extension;

#ifdef __cplusplus
}
#endif
#endif /* LOCUSTPP_ABI_WEB_UI_H */
