// The bounded inbox (see inbox.hpp).
#include "cluster/inbox.hpp"

#include <utility>

#include "cluster/wire_message.hpp"

namespace locustpp::cluster {

bool inbox::fits(const std::string& peer, std::size_t bytes) {
  if (total_bytes_ + bytes > limits_.total_bytes) return false;
  if (admitted_.count(peer) == 0) {
    return bytes <= limits_.stranger_message_bytes && stranger_messages_ < limits_.stranger_messages;
  }
  auto share = shares_.find(peer);
  if (share == shares_.end()) return bytes <= limits_.peer_bytes;
  return share->second.messages < limits_.peer_messages && share->second.bytes + bytes <= limits_.peer_bytes;
}

inbox::offered inbox::offer(std::string peer, std::string payload) {
  std::lock_guard guard(lock_);
  const bool admitted = admitted_.count(peer) != 0;
  if (!fits(peer, payload.size())) {
    drop_tally& tally = drops_[admitted ? peer : std::string(strangers)];
    ++tally.messages;
    if (peek_type(payload) == std::string_view("stats")) ++tally.reports;
    return offered::dropped;
  }
  if (admitted) {
    peer_share& share = shares_[peer];
    ++share.messages;
    share.bytes += payload.size();
  } else {
    ++stranger_messages_;
  }
  total_bytes_ += payload.size();
  waiting_.push_back(waiting_message{message{std::move(peer), std::move(payload)}, admitted});
  if (drain_due_) return offered::queued;
  drain_due_ = true;
  return offered::queued_wake_up;
}

std::vector<inbox::message> inbox::take(std::size_t at_most, bool& more) {
  std::vector<message> taken;
  std::lock_guard guard(lock_);
  while (!waiting_.empty() && taken.size() < at_most) {
    waiting_message& next = waiting_.front();
    const std::size_t bytes = next.content.payload.size();
    total_bytes_ -= bytes;
    if (next.counted_as_admitted) {
      auto share = shares_.find(next.content.peer);
      share->second.bytes -= bytes;
      if (--share->second.messages == 0) shares_.erase(share);
    } else {
      --stranger_messages_;
    }
    taken.push_back(std::move(next.content));
    waiting_.pop_front();
  }
  more = !waiting_.empty();
  if (!more) drain_due_ = false;
  return taken;
}

std::map<std::string, inbox::drop_tally> inbox::take_drops() {
  std::lock_guard guard(lock_);
  return std::exchange(drops_, {});
}

void inbox::admit(const std::string& peer) {
  std::lock_guard guard(lock_);
  admitted_.insert(peer);
}

void inbox::forget(const std::string& peer) {
  std::lock_guard guard(lock_);
  admitted_.erase(peer);
}

}  // namespace locustpp::cluster
