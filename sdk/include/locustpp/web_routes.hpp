// locustpp C++ SDK — route groups and static files for the web UI (Flask's
// Blueprint with its static folder):
//
//   auto extend = locustpp::route_group(module, "/extend");
//   extend.route("GET", "/page", page_handler);                 // serves /extend/page
//   extend.static_files("/static", "/opt/my-plugin/static");    // serves /extend/static/...
#pragma once

#include <algorithm>
#include <fstream>
#include <sstream>
#include <string>
#include <string_view>
#include <utility>

#include "locustpp/module.hpp"

namespace locustpp {

// The Content-Type of a file name, by its extension; binary when unknown.
inline std::string_view content_type_of(std::string_view file) {
  const std::pair<std::string_view, std::string_view> types[] = {{".html", "text/html; charset=utf-8"},
                                                                 {".css", "text/css"},
                                                                 {".js", "text/javascript"},
                                                                 {".json", "application/json"},
                                                                 {".csv", "text/csv"},
                                                                 {".txt", "text/plain; charset=utf-8"},
                                                                 {".svg", "image/svg+xml"},
                                                                 {".png", "image/png"},
                                                                 {".ico", "image/x-icon"}};
  for (const auto& [extension, type] : types) {
    if (file.size() > extension.size() && file.substr(file.size() - extension.size()) == extension) return type;
  }
  return "application/octet-stream";
}

// A handler serving the files under `folder` for the paths below `url_prefix`
// ("/extend/static/app.css" -> folder/app.css). Paths with ".." segments,
// and files that cannot be read, get a 404.
inline route_handler static_files_handler(std::string url_prefix, std::string folder) {
  return [url_prefix = std::move(url_prefix), folder = std::move(folder)](const web_request& request,
                                                                          const web_response& response) {
    std::string_view rest = request.path.substr(std::min(request.path.size(), url_prefix.size()));
    bool bad = rest.size() < 2 || rest.front() != '/' || rest.find('\0') != std::string_view::npos;
    for (std::size_t start = 1; !bad && start < rest.size();) {
      std::size_t end = std::min(rest.find('/', start), rest.size());
      std::string_view segment = rest.substr(start, end - start);
      bad = segment == ".." || segment == ".";
      start = end + 1;
    }
    std::ifstream file;
    if (!bad) file.open(folder + std::string(rest), std::ios::binary);
    if (bad || !file) {
      response.status(404);
      response.header("Content-Type", "text/plain");
      response.write("Not found\n");
      return;
    }
    std::ostringstream content;
    content << file.rdbuf();
    response.header("Content-Type", content_type_of(rest));
    response.write(content.str());
  };
}

// The value of `field` in an application/x-www-form-urlencoded body (a login
// form's POST), decoded; "" when the field is absent.
inline std::string form_value(std::string_view body, std::string_view field) {
  const auto hex = [](char c) {
    return c >= '0' && c <= '9'   ? c - '0'
           : c >= 'a' && c <= 'f' ? c - 'a' + 10
           : c >= 'A' && c <= 'F' ? c - 'A' + 10
                                  : -1;
  };
  while (!body.empty()) {
    std::size_t end = body.find('&');
    std::string_view pair = body.substr(0, end);
    body = end == std::string_view::npos ? std::string_view{} : body.substr(end + 1);
    if (pair.size() <= field.size() || pair.substr(0, field.size()) != field || pair[field.size()] != '=') continue;
    std::string value;
    for (std::size_t i = field.size() + 1; i < pair.size(); ++i) {
      if (pair[i] == '+') {
        value += ' ';
      } else if (pair[i] == '%' && i + 2 < pair.size() && hex(pair[i + 1]) >= 0 && hex(pair[i + 2]) >= 0) {
        value += static_cast<char>(hex(pair[i + 1]) * 16 + hex(pair[i + 2]));
        i += 2;
      } else {
        value += pair[i];
      }
    }
    return value;
  }
  return "";
}

// Routes that share a path prefix (Flask's Blueprint url_prefix).
class route_group {
 public:
  route_group(module& owner, std::string prefix) : module_(owner), prefix_(std::move(prefix)) {}

  route_group& route(std::string_view method, std::string_view path, route_handler handler, bool prefix = false) {
    module_.route(method, prefix_ + std::string(path), std::move(handler), prefix);
    return *this;
  }
  // GET <prefix><url_path>/... serves the files under `folder`.
  route_group& static_files(std::string_view url_path, std::string folder) {
    std::string full = prefix_ + std::string(url_path);
    module_.route("GET", full, static_files_handler(full, std::move(folder)), true);
    return *this;
  }
  const std::string& prefix() const noexcept { return prefix_; }

 private:
  module& module_;
  std::string prefix_;
};

}  // namespace locustpp
