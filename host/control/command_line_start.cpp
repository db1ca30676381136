// The command line as the controller's first client (see command_line_start.hpp).
#include "control/command_line_start.hpp"

#include <spdlog/spdlog.h>

namespace locustpp::control {

test_request request_from_options(const cli::run_options& options) {
  test_request request;
  request.users = static_cast<std::uint64_t>(options.users);
  request.spawn_rate = options.spawn_rate;
  request.run_time = options.run_time;
  request.user_classes = {};  // the plan already holds only the classes named on the command line
  return request;
}

void start_as_command_line_says(const cli::run_options& options, controller& controller) {
  if (options.headless) {
    controller.quit_when_stopped(0);
  } else if (options.autostart) {
    controller.quit_when_stopped(options.autoquit);
  } else {
    return;  // the web UI starts it
  }
  if (std::string problem = controller.start(request_from_options(options)); !problem.empty()) {
    spdlog::error("Cannot start the test: {}", problem);
    controller.quit();
  }
}

}  // namespace locustpp::control
