// The web bundle is not built for fuzzing (npm and esbuild make it): no
// asset is embedded, so /assets/* answers 404 and the pages carry no script.
#include "web/embedded_assets.hpp"

namespace locustpp::web {

std::string_view embedded_asset(std::string_view) {
  return {};
}

}  // namespace locustpp::web
