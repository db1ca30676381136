// Encoding and checking the [type, data, node_id] envelope (see wire_message.hpp).
#include "cluster/wire_message.hpp"

#include <fmt/format.h>

namespace locustpp::cluster {

std::string encode_message(const wire_message& message) {
  locustpp::value envelope = locustpp::value::array();
  envelope.push(message.type).push(message.data).push(message.node_id);
  return locustpp::encode(envelope);
}

std::optional<std::string_view> peek_type(std::string_view bytes) {
  // 0x93: fixarray of 3; then the type as fixstr (0xa0-0xbf) or str8 (0xd9).
  if (bytes.size() < 2 || static_cast<unsigned char>(bytes[0]) != 0x93) return std::nullopt;
  auto head = static_cast<unsigned char>(bytes[1]);
  std::size_t length = 0, offset = 2;
  if ((head & 0xe0) == 0xa0) {
    length = head & 0x1f;
  } else if (head == 0xd9 && bytes.size() >= 3) {
    length = static_cast<unsigned char>(bytes[2]);
    offset = 3;
  } else {
    return std::nullopt;
  }
  if (bytes.size() - offset < length) return std::nullopt;
  return bytes.substr(offset, length);
}

std::optional<wire_message> decode_message(std::string_view bytes, std::string& problem, const message_limits& limits) {
  if (bytes.size() > limits.max_bytes) {
    problem = fmt::format("{} bytes, more than the {} such a message may take", bytes.size(), limits.max_bytes);
    return std::nullopt;
  }
  locustpp::decode_limits decoding;
  decoding.max_values = limits.max_values + 4;  // the envelope, its type and node id
  std::optional<locustpp::value> envelope = locustpp::decode(bytes, &problem, decoding);
  if (!envelope) {
    problem = "not MessagePack within its limits (" + problem + ")";
    return std::nullopt;
  }
  if (!envelope->is_array() || envelope->size() != 3) {
    problem = "not a [type, data, node_id] array";
    return std::nullopt;
  }
  locustpp::value::array_items& items = envelope->as_array();
  if (!items[0].is_string() || !items[2].is_string()) {
    problem = "the type and the node id must be strings";
    return std::nullopt;
  }
  return wire_message{std::string(items[0].text()), std::move(items[1]), std::string(items[2].text())};
}

}  // namespace locustpp::cluster
