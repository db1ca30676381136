// One ZeroMQ frame of Locust's master/worker protocol as a node reads it
// (cluster/wire_message, message_limits): the type peeked, the limits of
// that type and direction chosen, the [type, data, node_id] envelope
// decoded within them, and a "stats" message's data read as a report. The
// first byte picks the direction and whether a module handles the type.
// Checks: nothing larger than the limits is accepted, the peeked type is
// the decoded one, and an accepted message encodes and decodes back to the
// same bytes.
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "cluster/message_limits.hpp"
#include "cluster/stats_wire.hpp"
#include "cluster/wire_message.hpp"
#include "stats/stats_shard.hpp"

#include "fuzz_require.hpp"

using namespace locustpp;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  const auto direction =
      (data[0] & 1) != 0 ? cluster::message_direction::to_worker : cluster::message_direction::to_master;
  const bool module_type = (data[0] & 2) != 0;
  const std::string_view payload(reinterpret_cast<const char*>(data) + 1, size - 1);

  const std::optional<std::string_view> peeked = cluster::peek_type(payload);
  const cluster::message_limits limits = cluster::limits_for(peeked.value_or(""), direction, module_type);
  std::string problem;
  std::optional<cluster::wire_message> message = cluster::decode_message(payload, problem, limits);
  if (!message) {
    FUZZ_REQUIRE(!problem.empty());
    return 0;
  }
  FUZZ_REQUIRE(payload.size() <= limits.max_bytes);
  if (peeked) FUZZ_REQUIRE(*peeked == message->type);

  const std::string bytes = cluster::encode_message(*message);
  std::string again_problem;
  const std::optional<cluster::wire_message> again =
      cluster::decode_message(bytes, again_problem, {bytes.size(), limits.max_values});
  FUZZ_REQUIRE(again && again->type == message->type && again->node_id == message->node_id);
  FUZZ_REQUIRE(encode(again->data) == encode(message->data));

  if (message->type == "stats" && direction == cluster::message_direction::to_master) {
    stats::stats_shard shard;
    (void)cluster::read_report(message->data, shard);
  }
  return 0;
}
