// Implementation of the /__counters bookkeeping (see counters.hpp).
#include "counters.hpp"

#include <algorithm>
#include <utility>
#include <vector>

#include "json.hpp"

namespace demo_target {

void Counters::count_path(std::string_view path) {
  ++total_;
  if (auto found = by_path_.find(path); found != by_path_.end()) {
    ++found->second;
  } else if (by_path_.size() < kMaxDistinctPaths) {
    by_path_.emplace(std::string(path), 1);
  } else {
    ++by_path_["(other)"];
  }
}

void Counters::record(std::string_view path, int status) {
  const std::lock_guard lock(mutex_);
  count_path(path);
  if (status >= 100 && status < static_cast<int>(by_status_.size())) ++by_status_[static_cast<std::size_t>(status)];
}

void Counters::record_unanswered(std::string_view path) {
  const std::lock_guard lock(mutex_);
  count_path(path);
}

void Counters::reset() {
  const std::lock_guard lock(mutex_);
  total_ = 0;
  by_path_.clear();
  by_status_.fill(0);
}

std::string Counters::to_json() const {
  std::vector<std::pair<std::string, std::uint64_t>> paths;
  std::array<std::uint64_t, 600> statuses{};
  std::uint64_t total = 0;
  {
    // Copy under the lock, format outside it, so polling never stalls traffic.
    const std::lock_guard lock(mutex_);
    total = total_;
    paths.assign(by_path_.begin(), by_path_.end());
    statuses = by_status_;
  }
  std::sort(paths.begin(), paths.end());

  std::string json = "{\"total\": ";
  json.append(std::to_string(total)).append(", \"by_path\": {");
  bool first = true;
  for (const auto& [path, count] : paths) {
    if (!first) json += ", ";
    first = false;
    append_json_string(json, path);
    json.append(": ").append(std::to_string(count));
  }
  json += "}, \"by_status\": {";
  first = true;
  for (std::size_t status = 0; status < statuses.size(); ++status) {
    if (statuses[status] == 0) continue;
    if (!first) json += ", ";
    first = false;
    json.append("\"").append(std::to_string(status)).append("\": ").append(std::to_string(statuses[status]));
  }
  json += "}}\n";
  return json;
}

}  // namespace demo_target
