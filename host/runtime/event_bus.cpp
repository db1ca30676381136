// Listener dispatch with failure reporting (see event_bus.hpp).
#include "runtime/event_bus.hpp"

#include <spdlog/spdlog.h>

#include <string_view>

#include "plugin/event_names.hpp"

namespace locustpp::runtime {

void event_bus::fire(locustpp_event_kind kind, const void* payload, bool reverse) {
  const auto& listeners = catalog_.listeners[kind];
  locustpp_event event{sizeof(locustpp_event), static_cast<std::uint32_t>(kind), payload};
  auto call = [&](const plugin::listener_model& listener) {
    char message[1024];
    std::size_t size = 0;
    plugin::code_site_guard in_listener(listener.site);
    std::int32_t status = listener.call(listener.ctx, &event, locustpp_error_buffer{message, sizeof(message), &size});
    if (status != LOCUSTPP_OK) {
      count_internal_errors();
      spdlog::error("Uncaught exception in event handler: {} listener of module {} failed: {}",
                    plugin::event_name(kind), listener.module->id,
                    size > 0 ? std::string_view(message, size) : "no message");
    }
  };
  if (reverse) {
    for (auto it = listeners.rbegin(); it != listeners.rend(); ++it) call(*it);
  } else {
    for (const auto& listener : listeners) call(listener);
  }
}

}  // namespace locustpp::runtime
