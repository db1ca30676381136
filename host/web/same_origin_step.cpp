// The page that repeats a login callback from the UI's own origin (see same_origin_step.hpp).
#include "web/same_origin_step.hpp"

#include "web/form_fields.hpp"
#include "web/html_text.hpp"
#include "web/json_writer.hpp"

namespace locustpp::web {

std::string same_origin_step_page(const web_request& request, const std::string& base_path) {
  const std::string target = base_path + request.path;
  std::string body;
  if (request.method == "POST") {
    body = "<form id=\"step\" method=\"post\" action=\"" +
           html_escape(request.query.empty() ? target : target + "?" + request.query) + "\">";
    const form_fields fields(request.body);
    for (const auto& [name, value] : fields.pairs()) {
      body += "<input type=\"hidden\" name=\"" + html_escape(name) + "\" value=\"" + html_escape(value) + "\">";
    }
    body +=
        "<noscript><button type=\"submit\">Continue</button></noscript></form>\n"
        "<script>document.getElementById(\"step\").submit();</script>";
  } else {
    const std::string url = request.query.empty() ? target : target + "?" + request.query;
    body = "<noscript><a href=\"" + html_escape(url) + "\">Continue</a></noscript>\n<script>location.replace(" +
           json_for_script(json::quote(url)) + ");</script>";
  }
  return "<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>Signing in</title>"
         "<meta name=\"referrer\" content=\"no-referrer\"></head>\n<body>\n" +
         body + "\n</body></html>\n";
}

}  // namespace locustpp::web
