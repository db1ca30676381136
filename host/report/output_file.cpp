// Report files on disk (see output_file.hpp).
#include "report/output_file.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>

namespace locustpp::report {
namespace {

[[noreturn]] void fail(const std::string& path, int error_number) {
  throw output_error("cannot write " + path + ": " + std::strerror(error_number));
}

void create_parent_folders(const std::string& path) {
  std::filesystem::path parent = std::filesystem::path(path).parent_path();
  if (parent.empty()) return;
  std::error_code ec;
  std::filesystem::create_directories(parent, ec);
  if (ec) throw output_error("cannot write " + path + ": " + ec.message());
}

}  // namespace

void check_writable(const std::string& path) {
  create_parent_folders(path);
  std::error_code ec;
  if (std::filesystem::is_directory(path, ec)) fail(path, EISDIR);
  // The file itself is only ever written whole, through a temporary renamed
  // over it (replace_file): checking that the temporary can be made checks
  // it all, and leaves no empty file behind when the run never writes one.
  const std::string temp_path = path + ".tmp";
  int fd = ::open(temp_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_NONBLOCK | O_CLOEXEC, 0644);
  if (fd < 0) fail(path, errno);
  ::close(fd);
  ::unlink(temp_path.c_str());
}

void replace_file(const std::string& path, std::string_view content) {
  const std::string temp_path = path + ".tmp";
  int fd = ::open(temp_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  if (fd < 0) fail(path, errno);
  std::size_t written = 0;
  while (written < content.size()) {
    ssize_t n = ::write(fd, content.data() + written, content.size() - written);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) {
      int error_number = n < 0 ? errno : EIO;
      ::close(fd);
      ::unlink(temp_path.c_str());
      fail(path, error_number);
    }
    written += static_cast<std::size_t>(n);
  }
  if (::close(fd) != 0) fail(path, errno);
  if (std::rename(temp_path.c_str(), path.c_str()) != 0) fail(path, errno);
}

}  // namespace locustpp::report
