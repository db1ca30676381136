// The page shell (see index_page.hpp).
#include "web/index_page.hpp"

#include "web/html_text.hpp"

namespace locustpp::web {

std::string index_page(const std::string& template_args, const std::string& base_path) {
  const std::string args = json_for_script(template_args);
  const std::string assets = html_escape(base_path) + "/assets/";
  return "<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>locustpp</title>\n"
         "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
         "<link rel=\"stylesheet\" href=\"" +
         assets +
         "app.css\"></head>\n<body>\n<div id=\"app\"></div>\n"
         "<script>window.templateArgs = " +
         args +
         ";</script>\n"
         "<script src=\"" +
         assets + "app.js\"></script>\n</body></html>\n";
}

}  // namespace locustpp::web
