// option_board: values that outlive their replacement (see option_board.hpp).
#include "runtime/option_board.hpp"

#include <mutex>

namespace locustpp::runtime {

void option_board::set(const std::string& name, const std::vector<std::string>& values) {
  std::unique_lock guard(lock_);
  std::vector<std::string_view> views;
  for (const std::string& value : values) views.emplace_back(kept_.emplace_back(value));
  current_[name] = std::move(views);
}

std::uint32_t option_board::read(std::string_view name, std::uint32_t index, std::string_view* value) const {
  std::shared_lock guard(lock_);
  auto found = current_.find(name);
  if (found == current_.end()) return 0;
  if (value != nullptr && index < found->second.size()) *value = found->second[index];
  return static_cast<std::uint32_t>(found->second.size());
}

std::vector<std::string> option_board::values(std::string_view name) const {
  std::shared_lock guard(lock_);
  auto found = current_.find(name);
  if (found == current_.end()) return {};
  return {found->second.begin(), found->second.end()};
}

}  // namespace locustpp::runtime
