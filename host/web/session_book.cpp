// Login sessions kept on the server (see session_book.hpp).
#include "web/session_book.hpp"

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/rand.h>

#include <algorithm>
#include <stdexcept>

namespace locustpp::web {
namespace {

std::string to_hex(std::string_view bytes) {
  static constexpr char digits[] = "0123456789abcdef";
  std::string out;
  for (unsigned char c : bytes) {
    out += digits[c >> 4];
    out += digits[c & 15];
  }
  return out;
}

bool same_secret(std::string_view a, std::string_view b) {
  return a.size() == b.size() && CRYPTO_memcmp(a.data(), b.data(), a.size()) == 0;
}

std::string random_hex(std::size_t bytes) {
  std::string random(bytes, '\0');
  if (RAND_bytes(reinterpret_cast<unsigned char*>(random.data()), static_cast<int>(bytes)) != 1) {
    throw std::runtime_error("cannot make a random session id for the web UI (RAND_bytes failed)");
  }
  return to_hex(random);
}

}  // namespace

session_book::session_book() {
  if (RAND_bytes(key_.data(), static_cast<int>(key_.size())) != 1) {
    throw std::runtime_error("cannot make a session key for the web UI (RAND_bytes failed)");
  }
}

std::string session_book::signature(std::string_view text) const {
  unsigned char mac[EVP_MAX_MD_SIZE];
  unsigned int size = 0;
  HMAC(EVP_sha256(), key_.data(), static_cast<int>(key_.size()), reinterpret_cast<const unsigned char*>(text.data()),
       text.size(), mac, &size);
  return to_hex(std::string_view(reinterpret_cast<const char*>(mac), size));
}

std::string session_book::open(const std::string& user, long now) {
  if (live_.size() >= most_sessions) {
    std::erase_if(live_, [&](const auto& entry) { return entry.second.ends <= now; });
  }
  if (live_.size() >= most_sessions) {
    live_.erase(std::min_element(live_.begin(), live_.end(),
                                 [](const auto& a, const auto& b) { return a.second.ends < b.second.ends; }));
  }
  const std::string id = random_hex(16);
  const long ends = now + lifetime_seconds;
  live_[id] = session{user, ends};
  const std::string payload = to_hex(user) + "." + std::to_string(ends) + "." + id;
  return payload + "." + signature(payload);
}

std::string session_book::id_of(std::string_view cookie_value) const {
  const std::size_t last_dot = cookie_value.rfind('.');
  if (last_dot == std::string_view::npos) return "";
  const std::string_view payload = cookie_value.substr(0, last_dot);
  const std::size_t id_dot = payload.rfind('.');
  if (id_dot == std::string_view::npos || !same_secret(signature(payload), cookie_value.substr(last_dot + 1))) {
    return "";
  }
  return std::string(payload.substr(id_dot + 1));
}

std::optional<std::string> session_book::user_of(std::string_view cookie_value, long now) const {
  const auto found = live_.find(id_of(cookie_value));
  if (found == live_.end() || found->second.ends <= now) return std::nullopt;
  return found->second.user;
}

void session_book::close(std::string_view cookie_value) {
  live_.erase(id_of(cookie_value));
}

}  // namespace locustpp::web
