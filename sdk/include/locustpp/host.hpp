// locustpp C++ SDK — access to the host's service table from plugin code.
// Header-only and compiled into the plugin; with hidden visibility each
// plugin has its own copy of the pointer below.
#pragma once

#include <cstddef>
#include <string_view>

#include "locustpp/locustpp.h"

namespace locustpp {

namespace detail {
// Set once by the registration trampoline (control thread, before any user
// exists); read from every thread afterwards. Static: the host outlives it.
inline const locustpp_host_api* host_api = nullptr;
}  // namespace detail

// The host's services. Valid from registration until the process ends.
// The services that take `self` get &host(): the table knows this module.
inline const locustpp_host_api& host() {
  return *detail::host_api;
}

// Whether the host has the service table entry `Member`: a host built for an
// older ABI minor has a shorter table.
#define LOCUSTPP_HOST_HAS(member)                                                                               \
  (::locustpp::host().struct_size >= offsetof(locustpp_host_api, member) + sizeof(locustpp_host_api::member) && \
   ::locustpp::host().member != nullptr)

// An extension table the host offers (locustpp/abi/base.h), or null.
inline const void* extension(const char* id) {
  return LOCUSTPP_HOST_HAS(get_extension) ? host().get_extension(&host(), id) : nullptr;
}

inline locustpp_string to_abi(std::string_view text) {
  return {text.data(), text.size()};
}
inline std::string_view from_abi(locustpp_string text) {
  return text.size == 0 ? std::string_view{} : std::string_view{text.data, text.size};
}

// Log through the host's logger (any thread).
inline void log(locustpp_log_level level, std::string_view message) {
  host().log(&host(), level, to_abi(message));
}

}  // namespace locustpp
