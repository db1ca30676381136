// A module's background work (Locust's background greenlet): one run of
// plugin code beside the users, from test start until it returns or the
// test ends, when it is aborted. It can sleep, make requests, read stats and
// stop the test. Lives on one worker thread.
#pragma once

#include "plugin/catalog.hpp"
#include "runtime/user_context.hpp"

namespace locustpp::runtime {

class background_job final : public user_context {
 public:
  background_job(worker& owner, const plugin::background_model& model);
  void begin();
  // The test ended: abort the code if it still runs.
  void abort();
  void run_finished(std::int32_t outcome, std::string_view message) override;
  bool finished() const noexcept { return !running_; }

 private:
  const plugin::background_model& model_;
  bool running_ = false;
  bool in_start_call_ = false;
  void* token_ = nullptr;
};

}  // namespace locustpp::runtime
