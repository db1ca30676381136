// The web UI's login sessions. A session is a random id the server keeps,
// with its user and end; the cookie carries "user.end.id" (user in hex)
// signed with HMAC-SHA256 under a key made at start, so a cookie cannot be
// made up; the server's list is what counts:
// a logout ends the session for good (a replayed cookie is refused), and
// every session ends with the process. At most 10,000 are kept: past that,
// the ended ones go, then the one that would end first.
// Control thread only.
#pragma once

#include <array>
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>

namespace locustpp::web {

class session_book {
 public:
  static constexpr long lifetime_seconds = 7 * 24 * 3600;
  static constexpr std::size_t most_sessions = 10'000;

  // Throws std::runtime_error when no random key can be made.
  session_book();

  // A new session for `user` at `now` (epoch seconds); the cookie's value.
  std::string open(const std::string& user, long now);
  // The user of a cookie value whose session is open at `now`, else nullopt.
  std::optional<std::string> user_of(std::string_view cookie_value, long now) const;
  // Ends the session of a cookie value (nothing when it names none).
  void close(std::string_view cookie_value);
  std::size_t open_sessions() const noexcept { return live_.size(); }

 private:
  struct session {
    std::string user;
    long ends = 0;  // epoch seconds
  };
  // The session id of a cookie value whose signature is right, or "".
  std::string id_of(std::string_view cookie_value) const;
  std::string signature(std::string_view text) const;

  std::array<unsigned char, 32> key_{};
  std::unordered_map<std::string, session> live_;  // by id (hex)
};

}  // namespace locustpp::web
