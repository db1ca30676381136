// Putting report files on disk with errors that say why: a file that cannot
// be written names the path and the operating system's reason
// ("cannot write out/run_stats.csv: Permission denied").
#pragma once

#include <stdexcept>
#include <string>
#include <string_view>

namespace locustpp::report {

class output_error : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// Creates the file's missing parent folders, then checks that the file can
// be written the way replace_file writes it (PATH.tmp created, then
// removed): proof, before a test starts, that it can be written at the
// end, without leaving an empty file behind. Throws output_error.
void check_writable(const std::string& path);

// Writes `content` to PATH.tmp and renames it over PATH, so readers never see
// half a file. Throws output_error.
void replace_file(const std::string& path, std::string_view content);

}  // namespace locustpp::report
