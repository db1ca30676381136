// Dates in cookies (the Expires attribute), parsed the lenient way RFC 6265
// §5.1.1 prescribes, so every format servers send reads the same:
// "Wed, 21 Oct 2015 07:28:00 GMT", "Wednesday, 21-Oct-15 07:28:00 GMT",
// "Wed Oct 21 07:28:00 2015".
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

namespace locustpp::http {

// Seconds since the Unix epoch (UTC), or nullopt when the text is no date.
std::optional<std::int64_t> parse_cookie_date(std::string_view text);

}  // namespace locustpp::http
