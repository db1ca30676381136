// Results a master knows it did not get (see lost_results.hpp).
#include "cluster/lost_results.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>
#include <spdlog/spdlog.h>

#include <vector>

namespace locustpp::cluster {

void lost_results::went_missing(const worker_record& worker, const std::string& who, bool test_running) {
  // What a worker running users did since its last report is lost with it;
  // a locustpp worker's heartbeats also say how much it had not reported.
  if (worker.unreported == 0 && !(test_running && worker.users_when_missing > 0)) return;
  spdlog::error("{} went missing with results it never reported ({}): they are not in this run's statistics", who,
                worker.unreported > 0
                    ? fmt::format("{} requests by its last heartbeat, and what it did since", worker.unreported)
                    : "whatever it recorded since its last report");
  missing_with_results_[worker.id] = worker.unreported;
}

void lost_results::no_last_report(const worker_record& worker, const std::string& who) {
  if (worker.unreported == 0) return;  // nothing it had recorded was waiting, by its last heartbeat
  spdlog::error(
      "{} never sent its last report ({} requests by its last heartbeat): they are not in this run's "
      "statistics",
      who, worker.unreported);
  missing_with_results_[worker.id] = worker.unreported;
}

void lost_results::dropped(const std::map<std::string, inbox::drop_tally>& drops, runtime::log_limiter& limited) {
  for (const auto& [peer, tally] : drops) {
    if (peer == inbox::strangers) {
      limited.warn("drops:strangers",
                   fmt::format("Dropped {} messages from peers that are not workers (too large, or too many at once)",
                               tally.messages));
      continue;
    }
    limited.warn("drops:" + peer, fmt::format("Dropped {} messages from worker {}: it sends faster than they can be "
                                              "handled",
                                              tally.messages, peer));
    if (tally.reports == 0) continue;
    spdlog::error("{} statistics reports of worker {} were dropped: its results are not all in this run's statistics",
                  tally.reports, peer);
    reports_lost_ += tally.reports;
  }
}

void lost_results::check_all_arrived(const worker_record& worker, const std::string& who, const locustpp::value& sent) {
  if (!sent.is_number()) return;
  std::uint64_t arrived = worker.reports_through + worker.reports_beyond.size();
  if (sent.unsigned_integer() <= arrived) return;
  std::uint64_t missing = sent.unsigned_integer() - arrived;
  spdlog::error("{} sent {} reports, {} of which never arrived: its results are not all in this run's statistics", who,
                sent.unsigned_integer(), missing);
  reports_lost_ += missing;
}

bool lost_results::summarize() const {
  if (missing_with_results_.empty() && reports_lost_ == 0) return false;
  std::vector<std::string> causes;
  if (!missing_with_results_.empty()) {
    causes.push_back(
        fmt::format("{} workers went missing, or quit without their last report, with results they "
                    "never reported",
                    missing_with_results_.size()));
  }
  if (reports_lost_ > 0) causes.push_back(fmt::format("{} reports of workers were lost", reports_lost_));
  spdlog::error("This run's statistics are incomplete: {}", fmt::join(causes, "; "));
  return true;
}

}  // namespace locustpp::cluster
