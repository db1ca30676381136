// What a followed redirect keeps of a request's credentials, as Python
// requests decides in Session.resolve_redirects: a redirect to another host
// must not carry the Authorization or the cookies meant for the first one.
#pragma once

#include "http/outgoing_request.hpp"
#include "http/url.hpp"

namespace locustpp::http {

// requests' Session.should_strip_auth: true when `to` is another host name,
// or the same host on another port or scheme; false for the same host,
// scheme and port, and for http on port 80 to https on port 443 (kept by
// requests for compatibility). Host names compare as url keeps them
// (lower case, IPv6 without brackets).
bool should_strip_auth(const url& from, const url& to);

// Takes out of `request` what it must not carry from `from` to `to` when it
// follows a redirect, and sets `to.userinfo`:
//  - Authorization, the header the caller set and the one the URL's
//    user:password gives, when should_strip_auth (requests' rebuild_auth).
//    `to.userinfo` becomes `from`'s when kept and empty when not: requests
//    never takes credentials from a Location;
//  - Proxy-Authorization always (requests' rebuild_proxies drops it and adds
//    back only what its proxy settings give: locustpp has none);
//  - a Cookie header the caller set, when `to` is another host name. The jar's
//    cookies are chosen for `to` by the jar, by domain and path; the caller's
//    header counts as a cookie of the first host (cookies do not tell ports or
//    schemes apart, RFC 6265 §8.5). requests drops it on every redirect.
void drop_credentials_for_redirect(outgoing_request& request, const url& from, url& to);

}  // namespace locustpp::http
