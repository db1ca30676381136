// Locust's REST API, route for route (locust/web.py in 2.4x): /swarm, /stop,
// /stats/reset, /stats/requests, the CSV downloads, /exceptions, /tasks,
// /logs, /worker-count, /stats/report, /user; and ours: /stats/history. Every route drives or
// reads the controller; nothing here keeps test state of its own.
#pragma once

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "cli/run_options.hpp"
#include "control/controller.hpp"
#include "plugin/catalog.hpp"
#include "web/form_fields.hpp"
#include "web/log_lines.hpp"
#include "web/ui_extensions.hpp"
#include "web/web_message.hpp"

namespace locustpp::web {

class locust_api {
 public:
  locust_api(const cli::run_options& options, const plugin::catalog& catalog, const ui_extensions& extensions,
             control::controller& controller, const log_lines& logs)
      : options_(options), catalog_(catalog), extensions_(extensions), controller_(controller), logs_(logs) {}
  // The answer when `request` is one of the API's routes, else nullopt.
  std::optional<web_response> serve(const web_request& request) const;

 private:
  web_response swarm(const web_request& request) const;
  web_response update_user_class(const web_request& request) const;
  // The modules' arguments the form sent, checked as on the command line;
  // "" or the first problem. Applied only when the form starts a new test.
  std::string read_plugin_arguments(const form_fields& form,
                                    std::vector<std::pair<std::string, std::vector<std::string>>>& read) const;
  web_response download(std::string body, const std::string& suffix) const;
  web_response full_history_csv() const;
  web_response html_report_answer(const web_request& request) const;

  const cli::run_options& options_;
  const plugin::catalog& catalog_;
  const ui_extensions& extensions_;
  control::controller& controller_;
  const log_lines& logs_;
};

}  // namespace locustpp::web
