// How large each message of the protocol may be, by type and direction:
// a heartbeat carries a few numbers, a client_ready a version, a report
// grows with the names it holds. Checked before a message's data is
// decoded, so a peer's message costs at most what its type allows.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>

#include "cluster/wire_message.hpp"

namespace locustpp::cluster {

enum class message_direction { to_master, to_worker };

// The limits of a message of `type` travelling `direction`; `module_type`:
// a type a module registered a handler for.
message_limits limits_for(std::string_view type, message_direction direction, bool module_type);

// The largest frame any message may take (ZeroMQ drops a peer's connection
// for a larger one before reading it).
constexpr std::size_t largest_message_bytes = std::size_t{64} << 20;

// A user count a worker reports beyond this is not a count (a worker's own
// limit is --max-users-per-process, a million by default).
constexpr std::uint64_t max_reported_users = 1'000'000'000;

}  // namespace locustpp::cluster
