// Smooth weighted class selection (see class_picker.hpp).
#include "runtime/class_picker.hpp"

namespace locustpp::runtime {

class_picker::class_picker(std::vector<class_share> classes)
    : classes_(std::move(classes)), counts_(classes_.size(), 0) {}

std::optional<std::size_t> class_picker::next(const std::vector<bool>* allowed) {
  auto usable = [&](std::size_t i) { return allowed == nullptr || (i < allowed->size() && (*allowed)[i]); };
  // Fixed-count classes in turn: the one with the fewest users so far.
  std::optional<std::size_t> fixed;
  for (std::size_t i = 0; i < classes_.size(); ++i) {
    if (!usable(i) || classes_[i].fixed_count == 0 || counts_[i] >= classes_[i].fixed_count) continue;
    if (!fixed || counts_[i] < counts_[*fixed]) fixed = i;
  }
  if (fixed) return ++counts_[*fixed], fixed;
  double weight_in_play = 0;
  std::uint64_t weighted_total = 1;
  for (std::size_t i = 0; i < classes_.size(); ++i) {
    if (!usable(i) || classes_[i].fixed_count > 0) continue;
    weight_in_play += classes_[i].weight;
    weighted_total += counts_[i];
  }
  if (weight_in_play <= 0) return std::nullopt;
  std::size_t best = classes_.size();
  double best_deficit = 0;
  for (std::size_t i = 0; i < classes_.size(); ++i) {
    if (!usable(i) || classes_[i].fixed_count > 0 || classes_[i].weight <= 0) continue;
    double deficit =
        classes_[i].weight / weight_in_play * static_cast<double>(weighted_total) - static_cast<double>(counts_[i]);
    if (best == classes_.size() || deficit > best_deficit + 1e-12) {
      best = i;
      best_deficit = deficit;
    }
  }
  ++counts_[best];
  return best;
}

void class_picker::release(std::size_t index) {
  if (index < counts_.size() && counts_[index] > 0) --counts_[index];
}

}  // namespace locustpp::runtime
