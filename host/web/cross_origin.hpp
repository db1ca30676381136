// Requests from another web page. A browser sends a page's form posts,
// fetches and <img> loads to the web UI with the user's cookies, and tells
// where they come from: Sec-Fetch-Site (same-origin, same-site, cross-site,
// none for what the user typed) and, on most of them, Origin. Requests that
// change state are served only from the UI's own origin; scripts (curl,
// urllib, Locust's own clients) send neither header and keep Locust's API
// unchanged.
#pragma once

#include <string>
#include <string_view>

#include "web/web_message.hpp"

namespace locustpp::web {

// Any method but GET, HEAD and OPTIONS; and GET/HEAD of Locust's two routes
// that act on a GET: /stop and /stats/reset, and of /logout. `request.path`
// is without the base path.
bool changes_state(const web_request& request);

// The request's own origin, as a browser on this UI would write it:
// scheme://Host, with a proxy's X-Forwarded-Proto and X-Forwarded-Host when
// it sends them (a page cannot set those on a cross-origin request without
// a CORS preflight, which the UI never approves).
std::string own_origin(const web_request& request, std::string_view scheme);

// "" when a browser sent `request` from the UI's own origin (Sec-Fetch-Site
// same-origin or none; Origin, when sent, equal to own_origin), or when
// neither header is there (not a browser); else why it is refused.
std::string foreign_origin_problem(const web_request& request, std::string_view scheme);

// Whether a browser says the request comes from another origin, same site
// (another port) or not: a navigation from elsewhere.
bool sent_from_elsewhere(const web_request& request);

// Whether the body's Content-Type is text/plain: what an HTML form on any
// site may post without a preflight, and no form encoding (nor JSON) of ours.
bool is_plain_text_body(const web_request& request);

}  // namespace locustpp::web
