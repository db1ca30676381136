// Background work beside the users (see background_job.hpp).
#include "runtime/background_job.hpp"

#include <spdlog/spdlog.h>

#include "runtime/event_bus.hpp"
#include "runtime/worker.hpp"

namespace locustpp::runtime {

background_job::background_job(worker& owner, const plugin::background_model& model)
    : user_context(owner, nullptr), model_(model) {}

void background_job::begin() {
  running_ = true;
  in_start_call_ = true;
  auto keep_alive = shared_from_this();
  // The job's instance is its own handle, for sleep() and requests.
  running_site_ = &model_.site;
  void* token = nullptr;
  {
    plugin::code_site_guard running(model_.site);
    token = model_.start(model_.start_ctx, handle(), open_run());
  }
  in_start_call_ = false;
  if (running_) token_ = token;
}

void background_job::abort() {
  if (!running_) return;
  running_ = false;
  cancel_pending_io();
  close_run();
  if (token_ != nullptr) {
    plugin::code_site_guard aborting(model_.site);
    model_.abort_run(token_);
  }
  token_ = nullptr;
}

void background_job::run_finished(std::int32_t outcome, std::string_view message) {
  if (!running_) return;
  running_ = false;
  token_ = nullptr;
  if (settle_pending_) report_request(LOCUSTPP_SETTLE_DEFAULT, {});
  if (outcome == LOCUSTPP_RUN_ERROR) {
    worker_.events().count_internal_errors();
    spdlog::error("background job '{}' of module {} raised: {}", model_.name, model_.module->id, message);
  } else if (outcome == LOCUSTPP_RUN_STOP_TEST || outcome == LOCUSTPP_RUN_STOP_USER) {
    worker_.owner().post_to_control([owner = &worker_.owner()] { owner->on_stop_test_requested(); });
  }
}

}  // namespace locustpp::runtime
