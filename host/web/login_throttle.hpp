// Slowing down password guessing without locking anyone out. Every failed
// login is answered after a short pause (250 ms), whoever sent it. Each
// client address also has a token bucket of failures (5 at once, one more
// per second, as a GCRA: a "theoretical arrival time" per address): past
// it, that address's answers wait until the bucket would have a token,
// up to 5 s: its failed attempts and its right ones alike, so a right
// password cannot be told apart by its speed. Nothing is ever refused:
// behind a proxy, where everyone shares one address, a right password is
// still let in, at worst 5 s later. The answers wait on a timer
// (web_response::delay), never on the control thread.
//
// Memory stays bounded: at most 4096 addresses are tracked; past that,
// addresses that have recovered are forgotten, then new ones share one
// bucket. Control thread only.
#pragma once

#include <chrono>
#include <cstddef>
#include <string>
#include <unordered_map>

namespace locustpp::web {

class login_throttle {
 public:
  using clock = std::chrono::steady_clock;
  static constexpr std::chrono::milliseconds failure_pause{250};  // every failure, at least
  static constexpr std::chrono::milliseconds refill{1000};        // one failure more per second...
  static constexpr int burst = 5;                                 // ...after 5 at once
  static constexpr std::chrono::milliseconds longest_wait{5000};
  static constexpr std::size_t tracked_addresses = 4096;

  // How long to hold the answer to a login attempt from `address` now,
  // right or wrong (0 unless the address is past its bucket).
  std::chrono::milliseconds wait(const std::string& address, clock::time_point now) const;
  // Counts a failed attempt from `address`; how long to hold its answer.
  std::chrono::milliseconds failed(const std::string& address, clock::time_point now);
  std::size_t tracked() const noexcept { return due_.size(); }

 private:
  // When each address's bucket is full again (its GCRA arrival time).
  std::unordered_map<std::string, clock::time_point> due_;
};

}  // namespace locustpp::web
