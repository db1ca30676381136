// The [type, data, node_id] envelope: the type is read without decoding the
// rest, and a message is refused past what its type may take.
#include <gtest/gtest.h>

#include "cluster/message_limits.hpp"
#include "cluster/wire_message.hpp"

namespace {

using namespace locustpp::cluster;
using locustpp::value;

TEST(ClusterWireMessage, TheTypeIsReadWithoutDecodingTheData) {
  std::string bytes = encode_message({"heartbeat", value::map().set("state", "ready"), "node_1"});
  EXPECT_EQ(peek_type(bytes), "heartbeat");
  std::string long_type(40, 't');  // str8, not fixstr
  EXPECT_EQ(peek_type(encode_message({long_type, value(), "n"})), long_type);
  EXPECT_FALSE(peek_type(""));
  EXPECT_FALSE(peek_type("\x93"));
  EXPECT_FALSE(peek_type("\x92\xa1x"));    // an array of two
  EXPECT_FALSE(peek_type("\x93\xa5sta"));  // the type cut short
}

TEST(ClusterWireMessage, AMessageLargerThanItsTypeAllowsIsRefused) {
  message_limits heartbeat = limits_for("heartbeat", message_direction::to_master, false);
  std::string problem;
  std::string padded = encode_message({"heartbeat", value::map().set("pad", std::string(8000, 'x')), "n"});
  EXPECT_FALSE(decode_message(padded, problem, heartbeat));
  EXPECT_NE(problem.find("more than the 4096 such a message may take"), std::string::npos) << problem;
  value many = value::array();
  for (int i = 0; i < 100; ++i) many.push(i);
  EXPECT_FALSE(decode_message(encode_message({"heartbeat", many, "n"}), problem, heartbeat));
  EXPECT_NE(problem.find("more than"), std::string::npos) << problem;
  std::optional<wire_message> fine =
      decode_message(encode_message({"heartbeat", value::map().set("state", "ready"), "n"}), problem, heartbeat);
  ASSERT_TRUE(fine) << problem;
  EXPECT_EQ(fine->data["state"].text(), "ready");
}

TEST(ClusterWireMessage, LimitsFollowTheTypeAndTheDirection) {
  EXPECT_LT(limits_for("client_ready", message_direction::to_master, false).max_bytes, 4096u);
  EXPECT_EQ(limits_for("stats", message_direction::to_master, false).max_bytes, largest_message_bytes);
  EXPECT_GT(limits_for("spawn", message_direction::to_worker, false).max_bytes, 1'000'000u);
  EXPECT_LT(limits_for("stats", message_direction::to_worker, false).max_bytes, 100'000u)
      << "a master sends no reports: an unknown type's limits";
  EXPECT_GT(limits_for("my_type", message_direction::to_master, true).max_values,
            limits_for("my_type", message_direction::to_master, false).max_values)
      << "a module's own type may carry more";
}

}  // namespace
