// Process CPU and RSS sampling from the kernel (see process_usage.hpp).
#include "runtime/process_usage.hpp"

#include <sys/resource.h>
#include <unistd.h>

#include <fstream>

namespace locustpp::runtime {
namespace {

double cpu_seconds_used() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  auto seconds = [](const timeval& value) { return static_cast<double>(value.tv_sec) + value.tv_usec / 1e6; };
  return seconds(usage.ru_utime) + seconds(usage.ru_stime);
}

std::uint64_t resident_bytes() {
  std::ifstream statm("/proc/self/statm");
  std::uint64_t total_pages = 0, resident_pages = 0;
  statm >> total_pages >> resident_pages;
  return resident_pages * static_cast<std::uint64_t>(sysconf(_SC_PAGESIZE));
}

}  // namespace

process_usage::process_usage() : cpu_seconds_(cpu_seconds_used()), when_(std::chrono::steady_clock::now()) {}

usage_sample process_usage::sample() {
  double cpu = cpu_seconds_used();
  auto now = std::chrono::steady_clock::now();
  double wall = std::chrono::duration<double>(now - when_).count();
  usage_sample result{wall > 0 ? (cpu - cpu_seconds_) / wall * 100.0 : 0.0, resident_bytes()};
  cpu_seconds_ = cpu;
  when_ = now;
  return result;
}

}  // namespace locustpp::runtime
