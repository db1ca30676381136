// One message of Locust's master/worker protocol: a MessagePack array of
// exactly three items, [type, data, node_id], in one ZeroMQ frame
// (reference/locust-protocol.md §1). The node id is the worker's socket
// identity in both directions.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "locustpp/value.hpp"

namespace locustpp::cluster {

struct wire_message {
  std::string type;      // "client_ready", "spawn", "stats", ... or a plugin's own type
  locustpp::value data;  // nil, a number or string, or a map
  std::string node_id;
};

std::string encode_message(const wire_message& message);

// The message in `bytes`, or nullopt with the reason in `problem`: not
// MessagePack, not an array of three, a type or node id that is not a string.
std::optional<wire_message> decode_message(std::string_view bytes, std::string& problem);

}  // namespace locustpp::cluster
