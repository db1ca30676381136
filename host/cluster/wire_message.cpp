// Encoding and checking the [type, data, node_id] envelope (see wire_message.hpp).
#include "cluster/wire_message.hpp"

namespace locustpp::cluster {

std::string encode_message(const wire_message& message) {
  locustpp::value envelope = locustpp::value::array();
  envelope.push(message.type).push(message.data).push(message.node_id);
  return locustpp::encode(envelope);
}

std::optional<wire_message> decode_message(std::string_view bytes, std::string& problem) {
  std::optional<locustpp::value> envelope = locustpp::decode(bytes, &problem);
  if (!envelope) {
    problem = "not MessagePack (" + problem + ")";
    return std::nullopt;
  }
  if (!envelope->is_array() || envelope->size() != 3) {
    problem = "not a [type, data, node_id] array";
    return std::nullopt;
  }
  const auto& items = envelope->items();
  if (!items[0].is_string() || !items[2].is_string()) {
    problem = "the type and the node id must be strings";
    return std::nullopt;
  }
  return wire_message{std::string(items[0].text()), items[1], std::string(items[2].text())};
}

}  // namespace locustpp::cluster
