// Chooses which user class each newly spawned user gets: fixed_count
// classes first, in turn (A, B, A, ... like Locust's dispatcher, so fewer
// users than the fixed counts still get every class), then weighted classes
// spread as evenly as possible over the spawn order (each pick goes to the
// class furthest below its share), so a ramp-up has the right mix at every
// moment.
#pragma once

#include <cstdint>
#include <optional>
#include <vector>

namespace locustpp::runtime {

struct class_share {
  double weight = 1;
  std::uint32_t fixed_count = 0;
};

class class_picker {
 public:
  explicit class_picker(std::vector<class_share> classes);
  // Index of the class for the next user; the counts advance. With
  // `allowed` (one flag per class) only those classes are considered.
  // nullopt when no class may have another user (fixed counts all reached,
  // no weighted class).
  std::optional<std::size_t> next(const std::vector<bool>* allowed = nullptr);
  // A user of `index` ended or was removed: it may be picked again.
  void release(std::size_t index);
  const std::vector<std::uint64_t>& counts() const noexcept { return counts_; }

 private:
  std::vector<class_share> classes_;
  std::vector<std::uint64_t> counts_;
};

}  // namespace locustpp::runtime
