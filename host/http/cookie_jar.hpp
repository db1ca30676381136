// The cookies one simulated user keeps between requests (like the jar of a
// requests.Session): filled from Set-Cookie, sent back on matching requests.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace locustpp::http {

class cookie_jar {
 public:
  // Stores (or, with Max-Age=0 / an empty value and past expiry, removes) the
  // cookie of one Set-Cookie header received from `request_host`.
  void store(std::string_view set_cookie, std::string_view request_host, std::string_view request_path);
  // Appends "name=value; ..." for every cookie matching the request, if any;
  // returns whether anything was appended.
  bool append_header_value(std::string& out, std::string_view host, std::string_view path, bool tls) const;
  bool empty() const noexcept { return cookies_.empty(); }
  void clear() noexcept { cookies_.clear(); }

 private:
  struct cookie {
    std::string name, value, domain, path;
    bool host_only = true;
    bool secure = false;
  };
  std::vector<cookie> cookies_;
};

}  // namespace locustpp::http
