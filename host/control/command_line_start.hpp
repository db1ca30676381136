// What the command line asks of the controller before any other client:
// --headless starts the test and quits when it ends; --autostart starts it
// and keeps the web UI (quitting --autoquit seconds after it ends); without
// either the controller waits for the browser, like Locust.
#pragma once

#include "cli/run_options.hpp"
#include "control/controller.hpp"
#include "control/test_request.hpp"

namespace locustpp::control {

// -u, -r, -t and -H as a start request.
test_request request_from_options(const cli::run_options& options);

// Control thread, first thing in controller::run().
void start_as_command_line_says(const cli::run_options& options, controller& controller);

}  // namespace locustpp::control
