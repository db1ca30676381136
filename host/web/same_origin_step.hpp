// The same-origin step before a module's login callback. A sign-on
// provider sends the browser back to the callback from its own site; the
// session cookie the callback sets is SameSite=Strict, so the browser would
// not send it on the UI's pages that follow (the navigation started on
// another site) and the user would land on the login page again. Instead of
// running the callback, the UI answers such a request with this page, which
// asks for the same callback again (same method, same query or form fields)
// from the UI's own origin; the callback runs then, and its cookie rides
// every request after it. Requests other than navigations (an <img>, a
// fetch) get the page too, and never run its script.
#pragma once

#include <string>

#include "web/web_message.hpp"

namespace locustpp::web {

// The page for `request` (GET, HEAD or a form POST), whose path is without
// `base_path`.
std::string same_origin_step_page(const web_request& request, const std::string& base_path);

}  // namespace locustpp::web
