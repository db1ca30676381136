// stats_registry: merging worker shards and listing entries in Locust's report order.
#include "stats/stats_registry.hpp"

#include <algorithm>
#include <cmath>

#include "stats/clock.hpp"
#include "stats/saturating.hpp"

namespace locustpp::stats {
namespace {

constexpr std::string_view aggregated_name = "Aggregated";

}  // namespace

stats_registry::stats_registry() : stats_registry(epoch_seconds_now()) {}

stats_registry::stats_registry(double start_epoch)
    : total_(std::make_unique<stats_entry>(std::string{aggregated_name}, std::string{}, start_epoch, nullptr)) {}

stats_entry& stats_registry::entry_for(std::string_view name, std::string_view method, double first_start_epoch) {
  const key_views<2> key{name, method};
  auto it = entries_.find(key);
  if (it == entries_.end()) {
    auto entry = std::make_unique<stats_entry>(std::string{name}, std::string{method}, first_start_epoch, total_.get());
    it = entries_.emplace(composite_key<2>{key}, std::move(entry)).first;
  }
  return *it->second;
}

void stats_registry::merge(const stats_shard& shard, std::string_view node) {
  const auto second = static_cast<std::int64_t>(std::floor(epoch_seconds_now()));
  shard.for_each_entry([&](std::string_view name, std::string_view method, const request_accumulator& counters) {
    stats_entry& entry = entry_for(name, method, counters.first_start_epoch());
    entry.add(counters);
    total_->add(counters);
    if (recent_) {
      recent_->add(&entry, second, counters.histogram());
      recent_->add(total_.get(), second, counters.histogram());
    }
  });

  shard.for_each_failure(
      [&](std::string_view method, std::string_view name, std::string_view error, const failure_tally& tally) {
        const key_views<3> key{method, name, error};
        auto it = errors_.find(key);
        if (it == errors_.end()) {
          error_entry fresh{std::string{method}, std::string{name}, std::string{error}, 0,
                            tally.first_seen,    tally.last_seen};
          it = errors_.emplace(composite_key<3>{key}, std::move(fresh)).first;
        }
        error_entry& entry = it->second;
        entry.occurrences = saturating_add(entry.occurrences, tally.occurrences);
        entry.first_seen = std::min(entry.first_seen, tally.first_seen);
        entry.last_seen = std::max(entry.last_seen, tally.last_seen);
      });

  shard.for_each_exception([&](std::string_view message, const exception_tally& tally) {
    auto it = exceptions_.find(message);
    if (it == exceptions_.end()) {
      exception_entry fresh{std::string{message}, tally.traceback, 0, {}};
      it = exceptions_.emplace(std::string{message}, std::move(fresh)).first;
    }
    exception_entry& entry = it->second;
    entry.count = saturating_add(entry.count, tally.count);
    if (std::find(entry.nodes.begin(), entry.nodes.end(), node) == entry.nodes.end()) entry.nodes.emplace_back(node);
  });
}

void stats_registry::keep_recent_window(bool keep) {
  if (!keep) recent_.reset();
  if (keep && !recent_) recent_ = std::make_unique<recent_window>();
}

std::optional<double> stats_registry::current_percentile_ms(const stats_entry& entry, double fraction,
                                                            double now_epoch) const {
  if (!recent_) return std::nullopt;
  return recent_->percentile_ms(&entry, fraction, static_cast<std::int64_t>(std::floor(now_epoch)));
}

const stats_entry* stats_registry::find(std::string_view name, std::string_view method) const {
  const auto it = entries_.find(key_views<2>{name, method});
  return it == entries_.end() ? nullptr : it->second.get();
}

std::vector<const stats_entry*> stats_registry::sorted_entries() const {
  std::vector<const stats_entry*> sorted;
  sorted.reserve(entries_.size());
  for (const auto& [key, entry] : entries_) sorted.push_back(entry.get());  // the map is already in order
  return sorted;
}

std::vector<const error_entry*> stats_registry::sorted_errors() const {
  std::vector<const error_entry*> sorted;
  sorted.reserve(errors_.size());
  for (const auto& [key, entry] : errors_) sorted.push_back(&entry);
  // stable: ties keep the map's (method, name, error) order
  std::stable_sort(sorted.begin(), sorted.end(),
                   [](const error_entry* a, const error_entry* b) { return a->occurrences > b->occurrences; });
  return sorted;
}

std::vector<const exception_entry*> stats_registry::sorted_exceptions() const {
  std::vector<const exception_entry*> sorted;
  sorted.reserve(exceptions_.size());
  for (const auto& [message, entry] : exceptions_) sorted.push_back(&entry);
  std::stable_sort(sorted.begin(), sorted.end(),
                   [](const exception_entry* a, const exception_entry* b) { return a->count > b->count; });
  return sorted;
}

void stats_registry::reset() {
  reset(epoch_seconds_now());
}

void stats_registry::reset(double start_epoch) {
  entries_.clear();  // before total_: entries point at it
  total_ = std::make_unique<stats_entry>(std::string{aggregated_name}, std::string{}, start_epoch, nullptr);
  errors_.clear();
  exceptions_.clear();
  if (recent_) recent_->clear();  // it points at the entries just removed
}

}  // namespace locustpp::stats
