// The bounded queue between a ZeroMQ socket's thread and the control
// thread. Whatever peers send, it holds a bounded number of bytes: each
// admitted peer (a worker, or a worker's master) its own share, peers that
// were not admitted (anyone who can reach the port) a small one together,
// so that one peer's flood is dropped at its own queue and the control
// thread keeps its time for the others. Drops are counted, by peer, with
// the statistics reports among them: a lost report is never silent.
//
// Thread rules: offer() on the socket's thread; take(), take_drops(),
// admit() and forget() on the control thread; one mutex guards all.
#pragma once

#include <cstddef>
#include <cstdint>
#include <deque>
#include <map>
#include <mutex>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <vector>

namespace locustpp::cluster {

class inbox {
 public:
  struct limits {
    std::size_t stranger_message_bytes = 4 * 1024;  // a message from a peer not admitted
    std::size_t stranger_messages = 64;             // waiting from all such peers together
    std::size_t peer_messages = 4096;               // waiting from one admitted peer
    std::size_t peer_bytes = std::size_t{160} << 20;
    std::size_t total_bytes = std::size_t{512} << 20;  // waiting from everyone
  };
  struct message {
    std::string peer;
    std::string payload;
  };
  struct drop_tally {
    std::uint64_t messages = 0;
    std::uint64_t reports = 0;  // of which "stats" messages
  };
  // Drops from peers that were not admitted are counted under this name.
  static constexpr const char* strangers = "";

  inbox() : inbox(limits{}) {}
  explicit inbox(limits bounds) : limits_(bounds) {}

  enum class offered {
    queued,          // a drain is already due
    queued_wake_up,  // the first waiting message: the caller wakes the consumer
    dropped,
  };
  offered offer(std::string peer, std::string payload);

  // Up to `at_most` messages, oldest first; `more` tells whether others
  // wait (the consumer comes back for them; it is not woken again).
  std::vector<message> take(std::size_t at_most, bool& more);
  // What was dropped since the last call, by peer (strangers together).
  std::map<std::string, drop_tally> take_drops();

  // A peer that became a worker (or the master, for a worker) gets its own share.
  void admit(const std::string& peer);
  void forget(const std::string& peer);

 private:
  struct peer_share {
    std::size_t messages = 0;
    std::size_t bytes = 0;
  };
  struct waiting_message {
    message content;
    bool counted_as_admitted;  // in its peer's share, not the strangers' (admission may change while it waits)
  };
  bool fits(const std::string& peer, std::size_t bytes);

  limits limits_;
  std::mutex lock_;
  std::deque<waiting_message> waiting_;
  std::unordered_set<std::string> admitted_;
  std::unordered_map<std::string, peer_share> shares_;  // admitted peers with messages waiting
  std::size_t stranger_messages_ = 0;
  std::size_t total_bytes_ = 0;
  bool drain_due_ = false;  // the consumer was woken and has not seen the queue empty since
  std::map<std::string, drop_tally> drops_;
};

}  // namespace locustpp::cluster
