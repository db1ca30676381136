// The last log lines, formatted as the console shows them, for /logs
// (Locust keeps the last 500). A sink on the process's logger; any thread
// logs into it, the control thread reads it.
#pragma once

#include <memory>
#include <mutex>
#include <string>
#include <vector>

namespace spdlog::sinks {
template <typename Mutex>
class ringbuffer_sink;
}

namespace locustpp::web {

class log_lines {
 public:
  static constexpr std::size_t kept = 500;
  // Adds the sink to the default logger. Call before other threads log.
  log_lines();
  ~log_lines();
  std::vector<std::string> last() const;

 private:
  std::shared_ptr<spdlog::sinks::ringbuffer_sink<std::mutex>> sink_;
};

}  // namespace locustpp::web
