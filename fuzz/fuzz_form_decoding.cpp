// application/x-www-form-urlencoded text as the web UI reads it: a /swarm
// or /login body and a query string (web/form_fields over
// http::form_decoded). Checks that decoding is the inverse of the client's
// encoding (http::append_form_encoded): the fields read from any text,
// encoded again and read back, are the same fields.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "http/url.hpp"
#include "web/form_fields.hpp"

#include "fuzz_require.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  const locustpp::web::form_fields form(text);

  std::string encoded;
  for (const auto& [name, value] : form.pairs()) {
    if (!encoded.empty()) encoded += '&';
    locustpp::http::append_form_encoded(encoded, name);
    encoded += '=';
    locustpp::http::append_form_encoded(encoded, value);
    FUZZ_REQUIRE(locustpp::http::form_decoded(encoded.substr(encoded.rfind('=') + 1)) == value);
  }
  const locustpp::web::form_fields again(encoded);
  FUZZ_REQUIRE(again.pairs() == form.pairs());

  // What the routes ask of a form.
  if (!form.pairs().empty()) {
    const std::string& first = form.pairs().front().first;
    FUZZ_REQUIRE(form.last(first).has_value());
    FUZZ_REQUIRE(!form.all(first).empty());
  }
  (void)form.last("user_count");
  (void)locustpp::http::form_decoded(text);
  return 0;
}
