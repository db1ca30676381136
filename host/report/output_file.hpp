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

// Creates the file's missing parent folders, then opens it for writing
// (creating it empty when missing) and closes it again: proof, before a
// test starts, that the file can be written at the end. Throws output_error.
void check_writable(const std::string& path);

// Writes `content` to PATH.tmp and renames it over PATH, so readers never see
// half a file. Throws output_error.
void replace_file(const std::string& path, std::string_view content);

}  // namespace locustpp::report
