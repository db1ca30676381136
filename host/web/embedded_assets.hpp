// The web UI bundle compiled into the binary (web_assets/: Preact, uPlot and
// our code, bundled by esbuild at build time).
#pragma once

#include <string_view>

namespace locustpp::web {

// The bytes of "app.js" or "app.css"; empty for any other name.
std::string_view embedded_asset(std::string_view name);

}  // namespace locustpp::web
