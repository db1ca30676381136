// A worker's report pieces until its master acknowledges them: numbered
// from 1, kept (within a byte bound) until acknowledged, and numbered anew
// for a new master.
#include <gtest/gtest.h>

#include "cluster/report_outbox.hpp"

namespace {

using locustpp::value;
using locustpp::cluster::report_outbox;

TEST(ClusterReportOutbox, PiecesAreKeptUntilAcknowledged) {
  report_outbox outbox;
  for (int i = 0; i < 5; ++i) {
    std::uint64_t sequence = outbox.next_sequence();
    EXPECT_TRUE(outbox.keep(sequence, "piece " + std::to_string(sequence)));
  }
  EXPECT_EQ(outbox.sent(), 5u);
  outbox.acknowledged(value::map().set("locustpp_acked", 3));
  ASSERT_EQ(outbox.unacknowledged().size(), 2u);
  EXPECT_EQ(outbox.unacknowledged().front().first, 4u);
  EXPECT_EQ(outbox.unacknowledged().front().second, "piece 4");
  outbox.acknowledged(value::map());  // a Python master's heartbeat: nothing acknowledged
  EXPECT_EQ(outbox.unacknowledged().size(), 2u);
  outbox.restart();
  EXPECT_TRUE(outbox.unacknowledged().empty());
  EXPECT_EQ(outbox.next_sequence(), 1u) << "a new master numbers from 1";
}

TEST(ClusterReportOutbox, TheOldestAreGivenUpPastTheByteBound) {
  report_outbox outbox;
  std::string large(report_outbox::max_kept_bytes / 3, 'x');
  for (int i = 0; i < 3; ++i) EXPECT_TRUE(outbox.keep(outbox.next_sequence(), large));
  EXPECT_FALSE(outbox.keep(outbox.next_sequence(), large)) << "the fourth does not fit beside three";
  ASSERT_EQ(outbox.unacknowledged().size(), 3u);
  EXPECT_EQ(outbox.unacknowledged().front().first, 2u) << "the oldest went";
}

}  // namespace
