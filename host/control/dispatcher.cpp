// The dispatcher (see dispatcher.hpp).
#include "control/dispatcher.hpp"

#include <algorithm>

namespace locustpp::control {

dispatcher::dispatcher(std::vector<runtime::class_share> shares, std::vector<bool> allowed, std::size_t executors)
    : shares_(std::move(shares)),
      allowed_(std::move(allowed)),
      picker_(shares_),
      per_executor_(std::max<std::size_t>(executors, 1), counts(shares_.size(), 0)),
      per_class_(shares_.size(), 0) {}

std::uint64_t dispatcher::move_to(std::uint64_t total) {
  const std::size_t n = per_executor_.size();
  while (picks_.size() < total) {
    std::optional<std::size_t> picked = picker_.next(allowed_.empty() ? nullptr : &allowed_);
    if (!picked) break;
    ++per_executor_[picks_.size() % n][*picked];
    ++per_class_[*picked];
    picks_.push_back(static_cast<std::uint32_t>(*picked));
  }
  while (picks_.size() > total) {
    const std::size_t klass = picks_.back();
    picks_.pop_back();
    --per_executor_[picks_.size() % n][klass];
    --per_class_[klass];
    picker_.release(klass);
  }
  return picks_.size();
}

void dispatcher::use_executors(std::size_t executors) {
  executors = std::max<std::size_t>(executors, 1);
  if (executors == per_executor_.size()) return;
  per_executor_.assign(executors, counts(shares_.size(), 0));
  for (std::size_t user = 0; user < picks_.size(); ++user) ++per_executor_[user % executors][picks_[user]];
}

}  // namespace locustpp::control
