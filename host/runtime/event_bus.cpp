// Listener dispatch with failure reporting (see event_bus.hpp).
#include "runtime/event_bus.hpp"

#include <spdlog/spdlog.h>

#include <string_view>

namespace locustpp::runtime {

void event_bus::fire(locustpp_event_kind kind, const void* payload, bool reverse) {
  const auto& listeners = catalog_.listeners[kind];
  locustpp_event event{sizeof(locustpp_event), static_cast<std::uint32_t>(kind), payload};
  auto call = [&](const plugin::listener_model& listener) {
    char message[1024];
    std::size_t size = 0;
    std::int32_t status = listener.call(listener.ctx, &event, locustpp_error_buffer{message, sizeof(message), &size});
    if (status != LOCUSTPP_OK) {
      count_plugin_failure();
      spdlog::error("Uncaught exception in event handler: {} listener of module {} failed: {}", event_name(kind),
                    listener.module->id, size > 0 ? std::string_view(message, size) : "no message");
    }
  };
  if (reverse) {
    for (auto it = listeners.rbegin(); it != listeners.rend(); ++it) call(*it);
  } else {
    for (const auto& listener : listeners) call(listener);
  }
}

const char* event_name(locustpp_event_kind kind) noexcept {
  switch (kind) {
    case LOCUSTPP_EVENT_INIT: return "init";
    case LOCUSTPP_EVENT_INIT_COMMAND_LINE_PARSER: return "init_command_line_parser";
    case LOCUSTPP_EVENT_TEST_START: return "test_start";
    case LOCUSTPP_EVENT_TEST_STOPPING: return "test_stopping";
    case LOCUSTPP_EVENT_TEST_STOP: return "test_stop";
    case LOCUSTPP_EVENT_REQUEST: return "request";
    case LOCUSTPP_EVENT_USER_ERROR: return "user_error";
    case LOCUSTPP_EVENT_SPAWNING_COMPLETE: return "spawning_complete";
    case LOCUSTPP_EVENT_RESET_STATS: return "reset_stats";
    case LOCUSTPP_EVENT_QUITTING: return "quitting";
    case LOCUSTPP_EVENT_QUIT: return "quit";
    case LOCUSTPP_EVENT_USAGE_MONITOR: return "usage_monitor";
    case LOCUSTPP_EVENT_CPU_WARNING: return "cpu_warning";
    case LOCUSTPP_EVENT_REPORT_TO_MASTER: return "report_to_master";
    case LOCUSTPP_EVENT_WORKER_REPORT: return "worker_report";
    case LOCUSTPP_EVENT_WORKER_CONNECT: return "worker_connect";
    case LOCUSTPP_EVENT_HEARTBEAT_SENT: return "heartbeat_sent";
    case LOCUSTPP_EVENT_HEARTBEAT_RECEIVED: return "heartbeat_received";
    default: return "unknown";
  }
}

}  // namespace locustpp::runtime
