// The SDK's MessagePack decoder (locustpp::decode in value.hpp), which reads
// every cluster message and every module's custom message: with its
// defaults, and with tight decode_limits as the cluster sets them. Checks:
// what decodes under tight limits decodes under the defaults too; a refusal
// says why; and a decoded value survives a round trip (decode, encode,
// decode gives the same value, encoded the same bytes: compared as bytes
// so that a NaN equals itself).
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "locustpp/value.hpp"

#include "fuzz_require.hpp"

namespace {

void require_round_trip(const locustpp::value& decoded, const locustpp::decode_limits& limits) {
  const std::string bytes = locustpp::encode(decoded);
  std::string error;
  const std::optional<locustpp::value> again = locustpp::decode(bytes, &error, limits);
  FUZZ_REQUIRE(again.has_value());
  FUZZ_REQUIRE(locustpp::encode(*again) == bytes);
}

// What readers do with a value: walk it, read every kind as every other.
std::size_t walk(const locustpp::value& item) {
  std::size_t seen = 1;
  (void)item.integer();
  (void)item.unsigned_integer();
  (void)item.number();
  (void)item.text();
  (void)item.flag();
  (void)item["name"];
  for (const locustpp::value& element : item.items()) seen += walk(element);
  for (const auto& [key, element] : item.entries()) seen += walk(key) + walk(element);
  return seen;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view bytes(reinterpret_cast<const char*>(data), size);

  std::string error;
  const std::optional<locustpp::value> decoded = locustpp::decode(bytes, &error);
  FUZZ_REQUIRE(decoded.has_value() == error.empty());
  if (decoded) {
    require_round_trip(*decoded, {});
    (void)walk(*decoded);
  }

  locustpp::decode_limits tight;
  tight.max_depth = 8;
  tight.max_values = 64;
  std::string tight_error;
  const std::optional<locustpp::value> bounded = locustpp::decode(bytes, &tight_error, tight);
  FUZZ_REQUIRE(bounded.has_value() == tight_error.empty());
  if (bounded) {
    FUZZ_REQUIRE(decoded.has_value());
    FUZZ_REQUIRE(locustpp::encode(*bounded) == locustpp::encode(*decoded));
    FUZZ_REQUIRE(walk(*bounded) <= tight.max_values);
    require_round_trip(*bounded, tight);
  }
  return 0;
}
