// CPU and memory use of this process, for the usage_monitor and cpu_warning
// events: CPU as percent of one core since the previous sample (like
// psutil's cpu_percent, so it can exceed 100 with several threads), memory
// as resident set size.
#pragma once

#include <chrono>
#include <cstdint>

namespace locustpp::runtime {

struct usage_sample {
  double cpu_percent = 0;
  std::uint64_t rss_bytes = 0;
};

class process_usage {
 public:
  process_usage();
  usage_sample sample();

 private:
  double cpu_seconds_ = 0;
  std::chrono::steady_clock::time_point when_;
};

}  // namespace locustpp::runtime
