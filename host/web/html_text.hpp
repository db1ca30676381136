// Text put into the HTML the web UI writes: escaped for elements and
// attributes, or made safe inside an inline <script> or <style>.
#pragma once

#include <string>
#include <string_view>

namespace locustpp::web {

// Python's html.escape(text, quote=True).
std::string html_escape(std::string_view text);

// "</" would end an inline script or style element early; inside the
// bundle's string literals "<\/" means the same. For code (the bundle, its
// CSS), not for data: data goes through json_for_script.
std::string script_safe(std::string_view text);

// JSON text written into an inline <script>: '<', '>' and '&' become \u003c,
// \u003e and \u0026, U+2028 and U+2029 \u2028 and \u2029. JSON has these
// characters only inside strings, where the escapes mean the same; without
// them "<!--<script>" in a value (an exception, a row, a tab title) puts the
// HTML parser in a state where "</script>" no longer ends the element, and
// the page goes blank.
std::string json_for_script(std::string_view json);

}  // namespace locustpp::web
