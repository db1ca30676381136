// log_lines: a ring-buffer sink on the default logger (see log_lines.hpp).
#include "web/log_lines.hpp"

#include <spdlog/sinks/ringbuffer_sink.h>
#include <spdlog/spdlog.h>

#include <algorithm>

#include "runtime/startup.hpp"

namespace locustpp::web {

log_lines::log_lines() : sink_(std::make_shared<spdlog::sinks::ringbuffer_sink_mt>(kept)) {
  sink_->set_formatter(runtime::locust_log_layout());
  spdlog::default_logger()->sinks().push_back(sink_);
}

log_lines::~log_lines() {
  auto& sinks = spdlog::default_logger()->sinks();
  sinks.erase(std::remove(sinks.begin(), sinks.end(), sink_), sinks.end());
}

std::vector<std::string> log_lines::last() const {
  std::vector<std::string> lines = sink_->last_formatted();
  for (std::string& line : lines) {
    while (!line.empty() && (line.back() == '\n' || line.back() == '\r')) line.pop_back();
  }
  return lines;
}

}  // namespace locustpp::web
