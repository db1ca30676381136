// log_limiter (see log_limiter.hpp).
#include "runtime/log_limiter.hpp"

#include <spdlog/spdlog.h>

namespace locustpp::runtime {
namespace {

// Kinds often name a peer: past this many, what is known of them goes (a
// flood of new kinds then writes at most this many lines per interval).
constexpr std::size_t max_kinds = 1024;

}  // namespace

std::optional<std::string> log_limiter::admitted(std::string_view kind, std::string_view line) {
  auto found = kinds_.find(std::string(kind));
  if (found == kinds_.end()) {
    if (kinds_.size() >= max_kinds) kinds_.clear();
    found = kinds_.emplace(std::string(kind), log_throttle(interval_)).first;
  }
  std::optional<std::uint64_t> held_back = found->second.admit(log_throttle::clock::now());
  if (!held_back) return std::nullopt;
  std::string text(line);
  if (*held_back > 0) text += " (" + std::to_string(*held_back) + " more like it not logged)";
  return text;
}

void log_limiter::warn(std::string_view kind, std::string_view line) {
  if (auto text = admitted(kind, line)) spdlog::warn("{}", *text);
}

void log_limiter::error(std::string_view kind, std::string_view line) {
  if (auto text = admitted(kind, line)) spdlog::error("{}", *text);
}

}  // namespace locustpp::runtime
