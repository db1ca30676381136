// The page at "/": a shell that loads the embedded bundle (assets/app.js and
// app.css) with window.templateArgs, as Locust's index.html does.
#pragma once

#include <string>

namespace locustpp::web {

// template_args: JSON (template_args.hpp); base_path: "" or "/locust".
std::string index_page(const std::string& template_args, const std::string& base_path);

}  // namespace locustpp::web
