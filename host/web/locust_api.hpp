// Locust's REST API, route for route (locust/web.py in 2.4x): /swarm, /stop,
// /stats/reset, /stats/requests, the CSV downloads, /exceptions, /tasks,
// /logs, /worker-count; and ours: /stats/history. Every route drives or
// reads the controller; nothing here keeps test state of its own.
#pragma once

#include <optional>
#include <string>

#include "cli/run_options.hpp"
#include "control/controller.hpp"
#include "web/log_lines.hpp"
#include "web/web_message.hpp"

namespace locustpp::web {

class locust_api {
 public:
  locust_api(const cli::run_options& options, control::controller& controller, const log_lines& logs)
      : options_(options), controller_(controller), logs_(logs) {}
  // The answer when `request` is one of the API's routes, else nullopt.
  std::optional<web_response> serve(const web_request& request) const;

 private:
  web_response swarm(const web_request& request) const;
  web_response download(std::string body, const std::string& suffix) const;
  web_response full_history_csv() const;

  const cli::run_options& options_;
  control::controller& controller_;
  const log_lines& logs_;
};

}  // namespace locustpp::web
