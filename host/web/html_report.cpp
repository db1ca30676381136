// The self-contained HTML report (see html_report.hpp).
#include "web/html_report.hpp"

#include <spdlog/spdlog.h>

#include "report/output_file.hpp"
#include "stats/clock.hpp"
#include "web/embedded_assets.hpp"
#include "web/html_text.hpp"

namespace locustpp::web {

std::string html_report(const report_context& report) {
  return "<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>locustpp test report</title>\n"
         "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<style>" +
         script_safe(embedded_asset("app.css")) + "</style></head>\n<body>\n<div id=\"app\"></div>\n<script>" +
         "window.templateArgs = " + json_for_script(report_args_json(report)) + ";</script>\n<script>" +
         script_safe(embedded_asset("app.js")) + "</script>\n</body></html>\n";
}

html_report_file::html_report_file(std::string path, const cli::run_options& options, const ui_extensions& extensions,
                                   control::controller& controller, runtime::event_bus& events)
    : path_(std::move(path)), options_(options), extensions_(extensions), controller_(controller), events_(events) {
  report::check_writable(path_);
  controller_.on_quit([this] { write(); });
}

void html_report_file::write() const {
  const stats::stats_registry& registry = controller_.registry();
  double end = registry.total().last_request_timestamp();
  report_context context{options_, extensions_, controller_, registry.total().start_time(),
                         end > 0 ? end : stats::epoch_seconds_now()};
  try {
    report::replace_file(path_, html_report(context));
    spdlog::info("HTML report written to {}", path_);
  } catch (const report::output_error& error) {
    spdlog::error("{}", error.what());
    events_.count_internal_errors();
  }
}

}  // namespace locustpp::web
