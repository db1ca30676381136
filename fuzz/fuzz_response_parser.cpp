// The HTTP client's response parser (http/response_parser, parsed_response,
// header_text) on whatever a target answers. The bytes arrive in pieces, as
// from a socket, and are fed the way http_session does: the unused tail is
// kept and fed again with the next piece; then the connection closes. The
// first byte picks the piece size and whether the request was a HEAD.
// Besides the sanitizers, it checks what the session relies on: the parser
// never uses more bytes than it was given, and a finished response has a
// status of 100-999 and header fields inside the copy of the header block.
// The failure texts (error_text) are written too, as a failed request would.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "http/error_text.hpp"
#include "http/header_text.hpp"
#include "http/parsed_response.hpp"
#include "http/response_parser.hpp"

#include "fuzz_require.hpp"

namespace {

using locustpp::http::parse_failure;
using locustpp::http::parsed_response;
using locustpp::http::response_parser;

// What the session reads of a finished response.
void read_like_the_session(const parsed_response& response) {
  FUZZ_REQUIRE(response.status >= 100 && response.status <= 999);
  const std::string_view block = response.header_block();
  for (std::size_t i = 0; i < response.header_count(); ++i) {
    const std::string_view name = response.header_name(i), value = response.header_value(i);
    FUZZ_REQUIRE(name.data() >= block.data() && name.data() + name.size() <= block.data() + block.size());
    FUZZ_REQUIRE(value.data() >= block.data() && value.data() + value.size() <= block.data() + block.size());
    FUZZ_REQUIRE(!name.empty() && locustpp::http::name_length(name) == name.size());
  }
  (void)response.header("Location");
  (void)response.header("Content-Type");
  if (response.status >= 400) FUZZ_REQUIRE(!locustpp::http::http_status_error(response.status, "/").empty());
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  const std::size_t piece = 1 + (data[0] & 0x3f);  // 1-64 bytes a read
  const bool head_request = (data[0] & 0x40) != 0;
  const std::string_view wire(reinterpret_cast<const char*>(data) + 1, size - 1);

  response_parser parser;
  parsed_response response;
  parser.start(response, head_request);
  parse_failure failure;
  std::string buffer;
  for (std::size_t at = 0; at < wire.size() && !parser.done() && !failure; at += piece) {
    buffer.append(wire.substr(at, piece));
    std::size_t offset = 0;
    while (offset < buffer.size() && !parser.done()) {
      const std::size_t used = parser.feed(buffer.data() + offset, buffer.size() - offset, failure);
      FUZZ_REQUIRE(used <= buffer.size() - offset);
      if (failure || used == 0) break;
      offset += used;
    }
    buffer.erase(0, offset);
  }
  if (!failure && !parser.done()) parser.feed_eof(failure);
  if (failure) {
    FUZZ_REQUIRE(!locustpp::http::protocol_error_text(failure).empty());
  } else {
    FUZZ_REQUIRE(parser.done());
    read_like_the_session(response);
  }
  return 0;
}
