// Text put into the HTML the web UI writes: escaped for elements and
// attributes, or made safe inside an inline <script> or <style>.
#pragma once

#include <string>
#include <string_view>

namespace locustpp::web {

// Python's html.escape(text, quote=True).
std::string html_escape(std::string_view text);

// "</" would end an inline script or style element early; inside JSON and
// the bundle's string literals "<\/" means the same.
std::string script_safe(std::string_view text);

}  // namespace locustpp::web
