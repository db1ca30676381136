// The cookies one simulated user keeps between requests (like the jar of a
// requests.Session): filled from Set-Cookie, sent back on matching requests.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace locustpp::http {

class cookie_jar {
 public:
  // A jar holds at most this many cookies (what browsers keep, RFC 6265's
  // "at least 3000"): a target that sets a new cookie with every answer
  // cannot grow it, or the time to store and send them, without bound.
  // When full, expired cookies go first, then the oldest.
  static constexpr std::size_t max_cookies = 3000;

  // Stores (or, when it is already expired: Max-Age <= 0, or an Expires in
  // the past, removes) the cookie of one Set-Cookie header received from
  // `request_host`. `now` is epoch seconds.
  void store(std::string_view set_cookie, std::string_view request_host, std::string_view request_path,
             std::int64_t now);
  // Appends "name=value; ..." for every unexpired cookie matching the
  // request (host names compare case-insensitively), if any; returns
  // whether anything was appended.
  bool append_header_value(std::string& out, std::string_view host, std::string_view path, bool tls,
                           std::int64_t now) const;
  bool empty() const noexcept { return cookies_.empty(); }
  std::size_t size() const noexcept { return cookies_.size(); }
  void clear() noexcept { cookies_.clear(); }

 private:
  struct cookie {
    std::string name, value, domain, path;
    bool host_only = true;
    bool secure = false;
    std::optional<std::int64_t> expires;  // epoch seconds; none = session cookie
  };
  std::vector<cookie> cookies_;
};

}  // namespace locustpp::http
