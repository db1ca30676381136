// The per-type limits (see message_limits.hpp). Generous for what real
// nodes send (a locustpp worker sends its reports in pieces of at most a
// thousand entries; a Python worker's report of ten thousand names is about
// a million values), small for what can only be small.
#include "cluster/message_limits.hpp"

#include <array>

namespace locustpp::cluster {
namespace {

constexpr std::size_t KiB = 1024, MiB = 1024 * KiB;

struct type_limits {
  std::string_view type;
  message_limits limits;
};

constexpr message_limits small{4 * KiB, 32};
constexpr message_limits module_message{16 * MiB, 1'000'000};
constexpr message_limits unknown_type{64 * KiB, 1'000};

constexpr std::array to_master{
    type_limits{"client_ready", {1 * KiB, 8}},
    type_limits{"heartbeat", small},
    type_limits{"spawning", small},
    type_limits{"client_stopped", small},
    type_limits{"quit", small},
    type_limits{"locustfile", small},
    type_limits{"spawning_complete", {1 * MiB, 100'000}},
    type_limits{"exception", {1 * MiB, 32}},
    type_limits{"logs", {1 * MiB, 10'000}},
    type_limits{"stats", {largest_message_bytes, 2'000'000}},
};

constexpr std::array to_worker{
    type_limits{"ack", small},
    type_limits{"stop", small},
    type_limits{"quit", small},
    type_limits{"reconnect", small},
    type_limits{"heartbeat", small},
    type_limits{"spawning_complete", small},
    type_limits{"spawn", {4 * MiB, 200'000}},
    type_limits{"update_user_class", {1 * MiB, 100'000}},
};

template <std::size_t N>
const message_limits* find(const std::array<type_limits, N>& table, std::string_view type) {
  for (const type_limits& row : table) {
    if (row.type == type) return &row.limits;
  }
  return nullptr;
}

}  // namespace

message_limits limits_for(std::string_view type, message_direction direction, bool module_type) {
  const message_limits* found =
      direction == message_direction::to_master ? find(to_master, type) : find(to_worker, type);
  if (found != nullptr) return *found;
  return module_type ? module_message : unknown_type;
}

}  // namespace locustpp::cluster
