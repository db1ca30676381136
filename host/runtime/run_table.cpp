// Generational run handles (see run_table.hpp).
#include "runtime/run_table.hpp"

#include <cstdint>

namespace locustpp::runtime {
namespace {

// Handle bits: generation in the high 32, index + 1 in the low 32 (never 0,
// so a handle is never NULL).
locustpp_run* encode(std::uint32_t index, std::uint32_t generation) {
  auto value = (std::uint64_t{generation} << 32) | (std::uint64_t{index} + 1);
  return reinterpret_cast<locustpp_run*>(static_cast<std::uintptr_t>(value));
}

}  // namespace

bool run_table::decode(const locustpp_run* handle, std::uint32_t& index, std::uint32_t& generation) const noexcept {
  auto value = static_cast<std::uint64_t>(reinterpret_cast<std::uintptr_t>(handle));
  auto low = static_cast<std::uint32_t>(value & 0xffffffffu);
  if (low == 0 || low > slots_.size()) return false;
  index = low - 1;
  generation = static_cast<std::uint32_t>(value >> 32);
  return true;
}

locustpp_run* run_table::open(user_context& owner) {
  std::uint32_t index = 0;
  if (!free_.empty()) {
    index = free_.back();
    free_.pop_back();
  } else {
    index = static_cast<std::uint32_t>(slots_.size());
    slots_.emplace_back();
  }
  slots_[index].owner = &owner;
  return encode(index, slots_[index].generation);
}

user_context* run_table::owner_of(const locustpp_run* handle) const noexcept {
  std::uint32_t index = 0, generation = 0;
  if (!decode(handle, index, generation)) return nullptr;
  const slot& entry = slots_[index];
  return entry.generation == generation ? entry.owner : nullptr;
}

void run_table::close(const locustpp_run* handle) noexcept {
  std::uint32_t index = 0, generation = 0;
  if (!decode(handle, index, generation)) return;
  slot& entry = slots_[index];
  if (entry.generation != generation || entry.owner == nullptr) return;
  entry.owner = nullptr;
  ++entry.generation;
  if (entry.generation == 0) entry.generation = 1;
  free_.push_back(index);
}

}  // namespace locustpp::runtime
