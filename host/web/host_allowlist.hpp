// Which Host names the web UI answers to. A page on any web site can make a
// browser send requests to the UI under a name its own DNS points at us
// (DNS rebinding) and read every answer; refusing names the UI was not
// given stops it, since the browser always sends the name it used.
//
// Always served: localhost, *.localhost, 127.x.x.x and [::1], with any port.
// On loopback (the default) nothing else. Beyond loopback: the names of
// --web-allowed-hosts ("*" for any, "*.svc.cluster.local" for any name under
// that one), and any IP address (a rebinding page can only use a name, as
// Vite and webpack-dev-server reason); without the option, any name.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace locustpp::web {

class host_allowlist {
 public:
  // bind_host: --web-host ("" = every interface); patterns: --web-allowed-hosts.
  // Throws cli::config_error naming a pattern that is not a host name or wildcard.
  host_allowlist(const std::string& bind_host, const std::vector<std::string>& patterns);

  // Whether a request with this Host header ("name", "name:port", "[v6]:port") is served.
  bool allows(std::string_view host_header) const;
  // Beyond loopback without --web-allowed-hosts: any name is served (and a warning is due).
  bool allows_any_name() const noexcept { return any_name_; }
  // What is served, for the refusal's text: "localhost, 127.x.x.x, [::1]" and the patterns.
  std::string described() const;

 private:
  bool beyond_loopback_ = false;
  bool any_name_ = false;
  std::vector<std::string> patterns_;  // lower-case: "name", "*.suffix" or "*"
};

// The host of a Host header, lower-case, without the port or IPv6 brackets:
// "[::1]:8089" -> "::1", "Example.com:80" -> "example.com"; "" when malformed.
std::string host_of(std::string_view host_header);

}  // namespace locustpp::web
