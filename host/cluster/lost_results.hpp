// What a master knows it did not get from its workers (DESIGN §7a: losing
// results is never silent): workers that went missing with results they had
// not reported, report pieces dropped at the inbox, and pieces a worker sent
// that never arrived. Each is said when it is learned, naming the worker;
// at the end the summary makes the run's exit code an error's.
//
// Thread rules: control thread only.
#pragma once

#include <cstdint>
#include <map>
#include <string>

#include "cluster/inbox.hpp"
#include "cluster/worker_roster.hpp"
#include "locustpp/value.hpp"
#include "runtime/log_limiter.hpp"

namespace locustpp::cluster {

class lost_results {
 public:
  // `worker` (described as `who`) just went missing; while a test ran.
  void went_missing(const worker_record& worker, const std::string& who, bool test_running);
  // At quit, `worker` never sent its last report.
  void no_last_report(const worker_record& worker, const std::string& who);
  // A report from a worker: if it had gone missing, it came back, and this
  // report holds what it had not reported.
  void reported(const std::string& worker_id) { missing_with_results_.erase(worker_id); }
  // What the inbox dropped since the last call (a flood, or a slow control thread).
  void dropped(const std::map<std::string, inbox::drop_tally>& drops, runtime::log_limiter& limited);
  // A locustpp worker's last word says how many report pieces it sent.
  void check_all_arrived(const worker_record& worker, const std::string& who, const locustpp::value& sent);
  // Pieces given up while awaiting the ones before them.
  void given_up(std::uint64_t pieces) { reports_lost_ += pieces; }

  // At the end: says what is missing from the statistics; true when anything is.
  bool summarize() const;

 private:
  std::map<std::string, std::uint64_t> missing_with_results_;  // worker id -> unreported requests, if known
  std::uint64_t reports_lost_ = 0;                             // report pieces dropped or never arrived
};

}  // namespace locustpp::cluster
