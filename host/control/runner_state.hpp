// The runner's states as Locust names them in its API and UI.
#pragma once

#include <string_view>

#include "locustpp/abi/host.h"

namespace locustpp::control {

constexpr std::string_view state_name(locustpp_runner_state state) {
  switch (state) {
    case LOCUSTPP_STATE_READY:
      return "ready";
    case LOCUSTPP_STATE_SPAWNING:
      return "spawning";
    case LOCUSTPP_STATE_RUNNING:
      return "running";
    case LOCUSTPP_STATE_CLEANUP:
      return "cleanup";
    case LOCUSTPP_STATE_STOPPING:
      return "stopping";
    case LOCUSTPP_STATE_STOPPED:
      return "stopped";
  }
  return "ready";
}

}  // namespace locustpp::control
