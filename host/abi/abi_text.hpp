// The host's side of the ABI's (pointer, length) strings: conversions to and
// from std::string_view, and refusals written into a plugin's error buffer,
// shared by every host module that talks to plugins.
#pragma once

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>

#include "locustpp/abi/base.h"

namespace locustpp {

inline std::string_view view_of(locustpp_string text) noexcept {
  return text.size == 0 ? std::string_view{} : std::string_view{text.data, text.size};
}
inline locustpp_string abi_of(std::string_view text) noexcept {
  return {text.data(), text.size()};
}

// LOCUSTPP_OK for "", else LOCUSTPP_FAILED with `problem` in the plugin's buffer (cut to fit).
inline std::int32_t abi_status(const std::string& problem, locustpp_error_buffer error) noexcept {
  if (problem.empty()) return LOCUSTPP_OK;
  std::size_t size = std::min(problem.size(), error.capacity);
  if (error.data != nullptr && size > 0) std::memcpy(error.data, problem.data(), size);
  if (error.size != nullptr) *error.size = size;
  return LOCUSTPP_FAILED;
}

}  // namespace locustpp
