// What the page needs before its first API call (Locust's template_args,
// rendered into index.html as window.templateArgs): the host, the form's
// defaults, the user classes to pick from and the modules' arguments marked
// include_in_web_ui.
#pragma once

#include <string>

#include "cli/run_options.hpp"
#include "control/controller.hpp"
#include "plugin/catalog.hpp"
#include "runtime/option_board.hpp"
#include "web/ui_extensions.hpp"

namespace locustpp::web {

struct page_context {
  const cli::run_options& options;
  const plugin::catalog& catalog;
  const ui_extensions& extensions;
  const control::controller& controller;
  const runtime::option_board& values;
  std::string base_path;  // normalised: "" or "/locust"
};

std::string template_args_json(const page_context& page);

// The HTML report's data (Locust's report template_args): statistics,
// response time percentiles, failures, exceptions, chart history, task
// ratios and the modules' tabs with their rows, over [start, end] (epoch s).
struct report_context {
  const cli::run_options& options;
  const ui_extensions& extensions;
  const control::controller& controller;
  double start_epoch = 0, end_epoch = 0;
  bool dark = false;
};

std::string report_args_json(const report_context& report);

// The form field names of argument `bare_name` ("my-argument"): itself and
// Locust's parsed_options key ("my_argument").
std::string form_field_of(const std::string& bare_name);

}  // namespace locustpp::web
