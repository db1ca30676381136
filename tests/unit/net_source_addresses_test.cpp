// --source-addresses: lists, ranges, canonical text, refusals naming the bad part, and the bind check.
#include "net/source_addresses.hpp"

#include <gtest/gtest.h>

#include <stdexcept>
#include <string>
#include <vector>

namespace locustpp::net {
namespace {

std::string refusal(std::string_view list) {
  try {
    parse_source_addresses(list);
  } catch (const std::invalid_argument& error) {
    return error.what();
  }
  return "(accepted)";
}

TEST(SourceAddresses, ListsRangesAndIpv6) {
  EXPECT_EQ(parse_source_addresses("127.0.0.2-127.0.0.4, 10.0.0.5,::1,0:0::2"),
            (std::vector<std::string>{"127.0.0.2", "127.0.0.3", "127.0.0.4", "10.0.0.5", "::1", "::2"}));
  // A range may cross octets.
  EXPECT_EQ(parse_source_addresses("10.0.0.255 - 10.0.1.1"),
            (std::vector<std::string>{"10.0.0.255", "10.0.1.0", "10.0.1.1"}));
  EXPECT_EQ(parse_source_addresses("127.0.0.1").size(), 1u);
}

TEST(SourceAddresses, RefusalsNameThePart) {
  EXPECT_EQ(refusal("127.0.0.2,localhost"), "--source-addresses: 'localhost' is not an IP address");
  EXPECT_EQ(refusal("127.0.0.9-127.0.0.2"),
            "--source-addresses: '127.0.0.9-127.0.0.2' is a range that ends before it starts");
  EXPECT_EQ(refusal("::1-::5"),
            "--source-addresses: '::1-::5' is not a range of IPv4 addresses (like 127.0.0.2-127.0.0.9)");
  EXPECT_EQ(refusal("10.0.0.0-10.1.0.0"), "--source-addresses: '10.0.0.0-10.1.0.0' makes more than 65536 addresses");
  EXPECT_EQ(refusal("127.0.0.2,,127.0.0.3"),
            "--source-addresses: an empty entry (give addresses or ranges separated by commas)");
  EXPECT_EQ(refusal(""), "--source-addresses: an empty entry (give addresses or ranges separated by commas)");
}

TEST(SourceAddresses, BindCheckTellsLocalFromForeign) {
  EXPECT_EQ(bind_problem("127.0.0.1"), "");
  EXPECT_EQ(bind_problem("127.0.0.42"), "");  // all of 127.0.0.0/8 is this machine's on Linux
  EXPECT_EQ(bind_problem("192.0.2.1"), "Cannot assign requested address");  // TEST-NET-1, never local
  EXPECT_EQ(bind_problem("nonsense"), "not an IP address");
}

}  // namespace
}  // namespace locustpp::net
