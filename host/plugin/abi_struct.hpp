// Reads a struct a module handed over, whatever ABI minor it was built for:
// a smaller struct (older module) reads as zero in the fields it lacks; a
// larger one (newer module) is refused, naming both sizes.
#pragma once

#include <cstdint>
#include <cstring>
#include <optional>
#include <string>

namespace locustpp::plugin {

template <class AbiStruct>
std::optional<AbiStruct> read_abi_struct(const AbiStruct* raw, const char* what, std::string& error) {
  if (raw == nullptr) {
    error = std::string(what) + " is NULL";
    return std::nullopt;
  }
  std::uint32_t size = 0;
  std::memcpy(&size, raw, sizeof(size));
  if (size > sizeof(AbiStruct)) {
    error = std::string(what) + " is " + std::to_string(size) + " bytes, larger than the " +
            std::to_string(sizeof(AbiStruct)) + " bytes this host knows (module built for a newer ABI?)";
    return std::nullopt;
  }
  if (size < sizeof(std::uint32_t) * 2) {
    error = std::string(what) + " declares an implausible size of " + std::to_string(size) + " bytes";
    return std::nullopt;
  }
  AbiStruct copy{};
  std::memcpy(static_cast<void*>(&copy), raw, size);
  return copy;
}

}  // namespace locustpp::plugin
