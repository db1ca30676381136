// Credentials across redirects (see redirect_credentials.hpp). Runs once per
// redirect followed, never for a request that is not redirected.
#include "http/redirect_credentials.hpp"

namespace locustpp::http {

bool should_strip_auth(const url& from, const url& to) {
  if (from.host != to.host) return true;
  // url gives every URL its port (80 or 443 when none is written), so
  // requests' checks of default ports reduce to comparing them.
  if (!from.tls && from.port == 80 && to.tls && to.port == 443) return false;
  return from.tls != to.tls || from.port != to.port;
}

void drop_credentials_for_redirect(outgoing_request& request, const url& from, url& to) {
  if (should_strip_auth(from, to)) {
    request.remove_header("Authorization");
    to.userinfo.clear();
  } else {
    to.userinfo = from.userinfo;
  }
  request.remove_header("Proxy-Authorization");
  if (from.host != to.host) request.remove_header("Cookie");
}

}  // namespace locustpp::http
