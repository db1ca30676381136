// A worker's report pieces on their way to a locustpp master, so that none
// is lost with a connection: each piece has a sequence number, the master
// acknowledges the pieces it merged (in its heartbeats and acks), and those
// not acknowledged yet are kept to be sent again on a new connection (the
// master merges each piece once). A Python master acknowledges nothing:
// then nothing is kept.
//
// Thread rules: control thread only.
#pragma once

#include <cstddef>
#include <cstdint>
#include <deque>
#include <string>
#include <utility>

#include "locustpp/value.hpp"

namespace locustpp::cluster {

class report_outbox {
 public:
  // Pieces not acknowledged are kept up to this many bytes; older ones are
  // then given up, and the master sees the gap.
  static constexpr std::size_t max_kept_bytes = std::size_t{64} << 20;

  // The sequence number of the next piece (from 1).
  std::uint64_t next_sequence() noexcept { return ++sent_; }
  std::uint64_t sent() const noexcept { return sent_; }

  // A piece sent as `bytes`, kept until acknowledged. False when older
  // pieces had to be given up to keep it.
  bool keep(std::uint64_t sequence, std::string bytes);
  // The master's message carries "locustpp_acked": every piece up to it is in.
  void acknowledged(const locustpp::value& data);
  // The pieces still to be acknowledged, oldest first (sequence, bytes).
  const std::deque<std::pair<std::uint64_t, std::string>>& unacknowledged() const noexcept { return kept_; }
  std::size_t unacknowledged_bytes() const noexcept { return kept_bytes_; }
  // A new master: it numbers this worker's reports from 1, and what the old
  // one missed is not its.
  void restart();

 private:
  std::uint64_t sent_ = 0;
  std::deque<std::pair<std::uint64_t, std::string>> kept_;
  std::size_t kept_bytes_ = 0;
};

}  // namespace locustpp::cluster
