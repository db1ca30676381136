// log_limiter (see log_limiter.hpp).
#include "runtime/log_limiter.hpp"

#include <spdlog/spdlog.h>

namespace locustpp::runtime {
namespace {

// Kinds often name a peer: past this many, the oldest knowledge goes (a
// flood of new kinds then writes at most this many lines per interval).
constexpr std::size_t max_kinds = 1024;

std::string with_held_back(std::string_view line, std::uint64_t held_back) {
  std::string text(line);
  if (held_back > 0) text += " (" + std::to_string(held_back) + " more like it not logged)";
  return text;
}

}  // namespace

bool log_limiter::allow(std::string_view kind, std::uint64_t& held_back) {
  auto now = std::chrono::steady_clock::now();
  auto found = kinds_.find(std::string(kind));
  if (found == kinds_.end()) {
    if (kinds_.size() >= max_kinds) kinds_.clear();
    kinds_.emplace(std::string(kind), kind_state{now, 0});
    held_back = 0;
    return true;
  }
  kind_state& state = found->second;
  if (now - state.last_written < interval_) {
    ++state.held_back;
    return false;
  }
  held_back = std::exchange(state.held_back, 0);
  state.last_written = now;
  return true;
}

void log_limiter::warn(std::string_view kind, std::string_view line) {
  std::uint64_t held_back = 0;
  if (allow(kind, held_back)) spdlog::warn("{}", with_held_back(line, held_back));
}

void log_limiter::error(std::string_view kind, std::string_view line) {
  std::uint64_t held_back = 0;
  if (allow(kind, held_back)) spdlog::error("{}", with_held_back(line, held_back));
}

}  // namespace locustpp::runtime
