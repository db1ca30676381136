// The host's side of the ABI's (pointer, length) strings: conversions to and
// from std::string_view, shared by every host module that talks to plugins.
#pragma once

#include <string_view>

#include "locustpp/abi/base.h"

namespace locustpp {

inline std::string_view view_of(locustpp_string text) noexcept {
  return text.size == 0 ? std::string_view{} : std::string_view{text.data, text.size};
}
inline locustpp_string abi_of(std::string_view text) noexcept { return {text.data(), text.size()}; }

}  // namespace locustpp
