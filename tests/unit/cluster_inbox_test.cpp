// The bounded queue between a socket's thread and the control thread: each
// admitted peer has its own share, strangers a small one together, drops
// are counted by peer with the reports among them, and the consumer is
// woken once per batch.
#include <gtest/gtest.h>

#include "cluster/inbox.hpp"
#include "cluster/wire_message.hpp"

namespace {

using locustpp::cluster::inbox;

std::string message_of(const std::string& type, std::size_t padding = 0) {
  return locustpp::cluster::encode_message({type, std::string(padding, 'x'), "node"});
}

TEST(ClusterInbox, TheConsumerIsWokenOncePerBatch) {
  inbox queue;
  queue.admit("w");
  EXPECT_EQ(queue.offer("w", message_of("heartbeat")), inbox::offered::queued_wake_up);
  EXPECT_EQ(queue.offer("w", message_of("heartbeat")), inbox::offered::queued) << "a drain is already due";
  bool more = true;
  EXPECT_EQ(queue.take(1, more).size(), 1u);
  EXPECT_TRUE(more);
  EXPECT_EQ(queue.offer("w", message_of("stats")), inbox::offered::queued) << "the consumer comes back by itself";
  EXPECT_EQ(queue.take(10, more).size(), 2u);
  EXPECT_FALSE(more);
  EXPECT_EQ(queue.offer("w", message_of("heartbeat")), inbox::offered::queued_wake_up);
}

TEST(ClusterInbox, StrangersShareASmallPlaceAndSmallMessagesOnly) {
  inbox::limits bounds;
  bounds.stranger_messages = 3;
  bounds.stranger_message_bytes = 100;
  inbox queue(bounds);
  EXPECT_EQ(queue.offer("s1", message_of("client_ready", 500)), inbox::offered::dropped) << "too large";
  for (const char* peer : {"s1", "s2", "s3"})
    EXPECT_NE(queue.offer(peer, message_of("heartbeat")), inbox::offered::dropped);
  EXPECT_EQ(queue.offer("s4", message_of("stats")), inbox::offered::dropped) << "their place is full";
  queue.admit("w");
  EXPECT_NE(queue.offer("w", message_of("stats", 500)), inbox::offered::dropped) << "a worker has its own place";
  auto drops = queue.take_drops();
  ASSERT_EQ(drops.size(), 1u) << "strangers are counted together, whatever ids they give";
  EXPECT_EQ(drops[inbox::strangers].messages, 2u);
  EXPECT_EQ(drops[inbox::strangers].reports, 1u);
  EXPECT_TRUE(queue.take_drops().empty());
}

TEST(ClusterInbox, AFloodingPeerIsDroppedAtItsOwnShare) {
  inbox::limits bounds;
  bounds.peer_messages = 10;
  inbox queue(bounds);
  queue.admit("flooder");
  queue.admit("quiet");
  int dropped = 0;
  for (int i = 0; i < 1000; ++i) dropped += queue.offer("flooder", message_of("stats")) == inbox::offered::dropped;
  EXPECT_EQ(dropped, 990);
  EXPECT_NE(queue.offer("quiet", message_of("stats")), inbox::offered::dropped) << "the others still get in";
  auto drops = queue.take_drops();
  EXPECT_EQ(drops["flooder"].messages, 990u);
  EXPECT_EQ(drops["flooder"].reports, 990u) << "lost reports are counted: the master says results are incomplete";
  bool more = false;
  EXPECT_EQ(queue.take(100, more).size(), 11u);
  EXPECT_NE(queue.offer("flooder", message_of("stats")), inbox::offered::dropped) << "its share is free again";
}

TEST(ClusterInbox, BytesAreBoundedPerPeerAndInAll) {
  inbox::limits bounds;
  bounds.peer_bytes = 1000;
  bounds.total_bytes = 1500;
  inbox queue(bounds);
  queue.admit("a");
  queue.admit("b");
  EXPECT_NE(queue.offer("a", message_of("stats", 900)), inbox::offered::dropped);
  EXPECT_EQ(queue.offer("a", message_of("stats", 200)), inbox::offered::dropped) << "a's share";
  EXPECT_EQ(queue.offer("b", message_of("stats", 700)), inbox::offered::dropped) << "the total";
  EXPECT_NE(queue.offer("b", message_of("stats", 400)), inbox::offered::dropped);
}

TEST(ClusterInbox, AdmissionChangingWhileAMessageWaitsKeepsTheCountsRight) {
  inbox::limits bounds;
  bounds.stranger_messages = 1;
  inbox queue(bounds);
  EXPECT_NE(queue.offer("w", message_of("client_ready")), inbox::offered::dropped);  // a stranger's
  queue.admit("w");
  EXPECT_NE(queue.offer("w", message_of("heartbeat")), inbox::offered::dropped);  // a worker's
  bool more = false;
  EXPECT_EQ(queue.take(10, more).size(), 2u);
  EXPECT_NE(queue.offer("s", message_of("client_ready")), inbox::offered::dropped) << "the strangers' place is free";
  queue.forget("w");
  EXPECT_EQ(queue.offer("w", message_of("heartbeat", 5000)), inbox::offered::dropped) << "a stranger again";
}

}  // namespace
