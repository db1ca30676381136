// A worker's report pieces until acknowledged (see report_outbox.hpp).
#include "cluster/report_outbox.hpp"

namespace locustpp::cluster {

bool report_outbox::keep(std::uint64_t sequence, std::string bytes) {
  kept_bytes_ += bytes.size();
  kept_.emplace_back(sequence, std::move(bytes));
  bool all_kept = true;
  while (kept_bytes_ > max_kept_bytes && kept_.size() > 1) {
    kept_bytes_ -= kept_.front().second.size();
    kept_.pop_front();
    all_kept = false;
  }
  return all_kept;
}

void report_outbox::acknowledged(const locustpp::value& data) {
  const locustpp::value& through = data["locustpp_acked"];
  if (!through.is_number()) return;
  while (!kept_.empty() && kept_.front().first <= through.unsigned_integer()) {
    kept_bytes_ -= kept_.front().second.size();
    kept_.pop_front();
  }
}

void report_outbox::restart() {
  sent_ = 0;
  kept_.clear();
  kept_bytes_ = 0;
}

}  // namespace locustpp::cluster
