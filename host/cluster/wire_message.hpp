// One message of Locust's master/worker protocol: a MessagePack array of
// exactly three items, [type, data, node_id], in one ZeroMQ frame
// (reference/locust-protocol.md §1). The node id is the worker's socket
// identity in both directions.
#pragma once

#include <cstddef>
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

// What one message of a type may take: checked before its data is decoded.
struct message_limits {
  std::size_t max_bytes;   // the whole frame
  std::size_t max_values;  // decoded values, keys and containers included (see decode_limits)
};

std::string encode_message(const wire_message& message);

// The type of the message in `bytes`, read without decoding anything else:
// nullopt when the bytes do not start like [str type, ...]. Cheap enough
// for the socket's thread, so that limits can follow the type.
std::optional<std::string_view> peek_type(std::string_view bytes);

// The message in `bytes`, or nullopt with the reason in `problem`: larger
// than `limits` allow, not MessagePack, not an array of three, a type or
// node id that is not a string.
std::optional<wire_message> decode_message(std::string_view bytes, std::string& problem, const message_limits& limits);

}  // namespace locustpp::cluster
