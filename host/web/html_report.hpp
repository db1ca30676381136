// The HTML report: one self-contained file (the page's CSS and script
// inline, the data written in) with the statistics, charts, failures,
// exceptions, task ratios and the modules' tabs; it opens offline.
// Written by --html FILE when the process quits, and served at /stats/report.
#pragma once

#include <string>

#include "runtime/event_bus.hpp"
#include "web/template_args.hpp"

namespace locustpp::web {

// The report of `report` (template_args.hpp) as an HTML document.
std::string html_report(const report_context& report);

// --html FILE: checked to be writable now (throws report::output_error naming
// the file and the reason), written when the controller quits; a failed
// write is logged and makes the exit code 2.
class html_report_file {
 public:
  html_report_file(std::string path, const cli::run_options& options, const ui_extensions& extensions,
                   control::controller& controller, runtime::event_bus& events);

 private:
  void write() const;
  std::string path_;
  const cli::run_options& options_;
  const ui_extensions& extensions_;
  control::controller& controller_;
  runtime::event_bus& events_;
};

}  // namespace locustpp::web
