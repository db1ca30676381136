// Event names (see event_names.hpp).
#include "plugin/event_names.hpp"

namespace locustpp::plugin {

const char* event_name(locustpp_event_kind kind) noexcept {
  switch (kind) {
    case LOCUSTPP_EVENT_INIT:
      return "init";
    case LOCUSTPP_EVENT_INIT_COMMAND_LINE_PARSER:
      return "init_command_line_parser";
    case LOCUSTPP_EVENT_TEST_START:
      return "test_start";
    case LOCUSTPP_EVENT_TEST_STOPPING:
      return "test_stopping";
    case LOCUSTPP_EVENT_TEST_STOP:
      return "test_stop";
    case LOCUSTPP_EVENT_REQUEST:
      return "request";
    case LOCUSTPP_EVENT_USER_ERROR:
      return "user_error";
    case LOCUSTPP_EVENT_SPAWNING_COMPLETE:
      return "spawning_complete";
    case LOCUSTPP_EVENT_RESET_STATS:
      return "reset_stats";
    case LOCUSTPP_EVENT_QUITTING:
      return "quitting";
    case LOCUSTPP_EVENT_QUIT:
      return "quit";
    case LOCUSTPP_EVENT_USAGE_MONITOR:
      return "usage_monitor";
    case LOCUSTPP_EVENT_CPU_WARNING:
      return "cpu_warning";
    case LOCUSTPP_EVENT_REPORT_TO_MASTER:
      return "report_to_master";
    case LOCUSTPP_EVENT_WORKER_REPORT:
      return "worker_report";
    case LOCUSTPP_EVENT_WORKER_CONNECT:
      return "worker_connect";
    case LOCUSTPP_EVENT_HEARTBEAT_SENT:
      return "heartbeat_sent";
    case LOCUSTPP_EVENT_HEARTBEAT_RECEIVED:
      return "heartbeat_received";
    default:
      return "unknown";
  }
}

}  // namespace locustpp::plugin
