// Reads a struct a module handed over, whatever ABI minor it was built for
// (the rules of locustpp/abi/base.h): a smaller struct (older module) reads
// as zero in the fields it lacks; a larger one (newer module) is accepted
// when the fields this host does not know are all zero, and refused, naming
// both sizes, when it sets them.
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <optional>
#include <string>

namespace locustpp::plugin {

// Structs larger than this are surely not a size but garbage.
inline constexpr std::uint32_t largest_plausible_struct = 64 * 1024;

namespace detail {
inline bool all_zero(const unsigned char* bytes, std::size_t size) {
  for (std::size_t i = 0; i < size; ++i) {
    if (bytes[i] != 0) return false;
  }
  return true;
}
}  // namespace detail

// The size the struct at `raw` declares (its first field).
inline std::uint32_t declared_size(const void* raw) {
  std::uint32_t size = 0;
  std::memcpy(&size, raw, sizeof(size));
  return size;
}

template <class AbiStruct>
std::optional<AbiStruct> read_abi_struct(const AbiStruct* raw, const char* what, std::string& error) {
  if (raw == nullptr) {
    error = std::string(what) + " is NULL";
    return std::nullopt;
  }
  std::uint32_t size = declared_size(raw);
  if (size < sizeof(std::uint32_t) * 2 || size > largest_plausible_struct) {
    error = std::string(what) + " declares an implausible size of " + std::to_string(size) + " bytes";
    return std::nullopt;
  }
  const auto* bytes = reinterpret_cast<const unsigned char*>(raw);
  if (size > sizeof(AbiStruct) && !detail::all_zero(bytes + sizeof(AbiStruct), size - sizeof(AbiStruct))) {
    error = std::string(what) + " is " + std::to_string(size) + " bytes, larger than the " +
            std::to_string(sizeof(AbiStruct)) +
            " bytes this host knows, and sets fields this host does not know (module built for a newer ABI?)";
    return std::nullopt;
  }
  AbiStruct copy{};
  std::memcpy(static_cast<void*>(&copy), raw, size < sizeof(AbiStruct) ? size : sizeof(AbiStruct));
  copy.struct_size = static_cast<std::uint32_t>(sizeof(AbiStruct));
  return copy;
}

// Element `index` of an array of structs written by a module: the stride is
// the module's size of one element (its first element's struct_size), not
// this host's sizeof, which differs when the module was built for another
// ABI minor.
template <class AbiStruct>
std::optional<AbiStruct> read_abi_array_element(const AbiStruct* array, std::size_t index, const char* what,
                                                std::string& error) {
  if (array == nullptr) {
    error = std::string(what) + " array is NULL";
    return std::nullopt;
  }
  std::uint32_t stride = declared_size(array);
  if (stride < sizeof(std::uint32_t) * 2 || stride > largest_plausible_struct) {
    error = std::string(what) + " declares an implausible size of " + std::to_string(stride) + " bytes";
    return std::nullopt;
  }
  const auto* element =
      reinterpret_cast<const AbiStruct*>(reinterpret_cast<const unsigned char*>(array) + index * stride);
  if (declared_size(element) != stride) {
    error = std::string(what) + " #" + std::to_string(index) + " declares " + std::to_string(declared_size(element)) +
            " bytes, unlike the first element's " + std::to_string(stride);
    return std::nullopt;
  }
  return read_abi_struct(element, what, error);
}

}  // namespace locustpp::plugin
