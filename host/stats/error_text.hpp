// Normalises failure texts so that errors differing only in a memory address group together.
#pragma once

#include <string>
#include <string_view>

namespace locustpp::stats {

// Replaces every hex address ("0x" + at least 6 hex digits, not preceded by a letter,
// digit or '_') with "0x....", as Locust's StatsError.parse_error does for
// "object at 0x7f3a2b1c>". Short literals such as "0x1F" are kept: they are usually codes.
// Returns `text` itself when nothing changes; otherwise a view into `scratch`, which is
// overwritten (its capacity is reused, so steady-state calls do not allocate).
std::string_view fold_hex_addresses(std::string_view text, std::string& scratch);

}  // namespace locustpp::stats
