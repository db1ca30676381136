// Local addresses to spread outgoing connections over (--source-addresses):
// each source address has its own ephemeral ports towards a target, so one
// process can hold more connections to one target than one address allows.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace locustpp::net {

// The most addresses one --source-addresses value may expand to.
inline constexpr std::size_t max_source_addresses = 65536;

// Parses a comma-separated list of IPv4 and IPv6 addresses and IPv4 ranges
// ("127.0.0.2-127.0.0.9, 10.0.0.5, ::1") into addresses in canonical text, in
// the order given. Throws std::invalid_argument with a sentence naming the
// part that is not an address or a range.
std::vector<std::string> parse_source_addresses(std::string_view list);

// Why a TCP socket cannot be bound to `address` on this machine (e.g. "Cannot
// assign requested address"), or "" when it can.
std::string bind_problem(const std::string& address);

}  // namespace locustpp::net
