// locustpp C++ SDK — route groups and static files for the web UI (Flask's
// Blueprint with its static folder):
//
//   auto extend = locustpp::route_group(module, "/extend");
//   extend.route("GET", "/page", page_handler);                 // serves /extend/page
//   extend.static_files("/static", "/opt/my-plugin/static");    // serves /extend/static/...
#pragma once

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <system_error>
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

// The bytes of the file at `rest` ("/app.css", "/img/logo.png") under
// `folder`, or nullopt. Only a regular file inside the folder is read: the
// path is resolved (symlinks may point within the folder, never out of it),
// then opened with O_NOFOLLOW | O_NONBLOCK and checked with fstat, so a
// directory, a FIFO or a device is never served (a FIFO once hung the web
// UI's control thread) and a last-component symlink swapped in after the
// check is refused.
inline std::optional<std::string> read_file_inside(const std::string& folder, std::string_view rest) {
  std::error_code ec;
  const std::filesystem::path root = std::filesystem::canonical(folder, ec);
  if (ec) return std::nullopt;
  const std::filesystem::path wanted =
      std::filesystem::weakly_canonical(root / std::filesystem::path(rest).relative_path(), ec);
  if (ec) return std::nullopt;
  const auto [root_end, wanted_rest] = std::mismatch(root.begin(), root.end(), wanted.begin(), wanted.end());
  if (root_end != root.end() || wanted_rest == wanted.end()) return std::nullopt;  // outside, or the folder itself
  const int fd = ::open(wanted.c_str(), O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC);
  if (fd < 0) return std::nullopt;
  std::optional<std::string> content;
  struct stat info {};
  if (::fstat(fd, &info) == 0 && S_ISREG(info.st_mode)) {
    std::string bytes;
    char buffer[65536];
    ssize_t got = 0;
    while ((got = ::read(fd, buffer, sizeof(buffer))) > 0 || (got < 0 && errno == EINTR)) {
      if (got > 0) bytes.append(buffer, static_cast<std::size_t>(got));
    }
    if (got == 0) content = std::move(bytes);
  }
  ::close(fd);
  return content;
}

// A handler serving the files under `folder` for the paths below `url_prefix`
// ("/extend/static/app.css" -> folder/app.css). Paths with ".." segments,
// and anything read_file_inside refuses, get a 404.
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
    std::optional<std::string> content;
    if (!bad) content = read_file_inside(folder, rest);
    if (!content) {
      response.status(404);
      response.header("Content-Type", "text/plain");
      response.write("Not found\n");
      return;
    }
    response.header("Content-Type", content_type_of(rest));
    response.write(*content);
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
