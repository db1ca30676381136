// Test support: runs a real program as a child process, with its output in
// files, and waits for it with a deadline (the child is killed past it).
#pragma once

#include <sys/types.h>

#include <chrono>
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace locustpp::testing {

class child_process {
 public:
  child_process(std::vector<std::string> argv, std::map<std::string, std::string> extra_env = {},
                std::filesystem::path working_dir = {});
  ~child_process();  // kills it if still running
  child_process(const child_process&) = delete;
  child_process& operator=(const child_process&) = delete;

  // Exit code, or nullopt if it did not exit in time (it is then killed).
  std::optional<int> wait(std::chrono::milliseconds limit);
  void signal(int signal_number);
  // Whether it is still running after `delay` (then not reaped: wait() later).
  bool still_running_after(std::chrono::milliseconds delay);
  // Waits until the child has written `text` to stderr (or stdout); false
  // if it did not within `limit`. A readiness signal, instead of a sleep.
  bool wait_for_stderr(const std::string& text, std::chrono::milliseconds limit) const;
  bool wait_for_stdout(const std::string& text, std::chrono::milliseconds limit) const;
  std::string stdout_text() const;
  std::string stderr_text() const;
  pid_t pid() const noexcept { return pid_; }

 private:
  pid_t pid_ = -1;
  bool reaped_ = false;
  std::optional<int> exit_code_;  // once reaped
  std::filesystem::path out_path_, err_path_;
};

// Reads a whole file.
std::string read_file(const std::filesystem::path& path);
// Waits until the file exists and contains `text`; false if it does not
// within `limit`.
bool wait_for_file_text(const std::filesystem::path& path, const std::string& text, std::chrono::milliseconds limit);
// A fresh empty directory under the system temp dir.
std::filesystem::path make_temp_dir(const std::string& prefix);

}  // namespace locustpp::testing
