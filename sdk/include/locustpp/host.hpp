// locustpp C++ SDK — access to the host's service table from plugin code.
// Header-only and compiled into the plugin; with hidden visibility each
// plugin has its own copy of the pointer below.
#pragma once

#include <string_view>

#include "locustpp/locustpp.h"

namespace locustpp {

namespace detail {
// Set once by the registration trampoline (control thread, before any user
// exists); read from every thread afterwards. Static: the host outlives it.
inline const locustpp_host_api* host_api = nullptr;
}  // namespace detail

// The host's services. Valid from registration until the process ends.
inline const locustpp_host_api& host() { return *detail::host_api; }

inline locustpp_string to_abi(std::string_view text) { return {text.data(), text.size()}; }
inline std::string_view from_abi(locustpp_string text) {
  return text.size == 0 ? std::string_view{} : std::string_view{text.data, text.size};
}

// Log through the host's logger (any thread).
inline void log(locustpp_log_level level, std::string_view message) {
  host().log(level, to_abi(message));
}

}  // namespace locustpp
