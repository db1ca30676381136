// HTTP, request reporting and sleeping for users and background jobs (see
// user_context.hpp).
#include "runtime/user_context.hpp"

#include <algorithm>

#include "abi/abi_text.hpp"
#include "http/client_context.hpp"
#include "http/error_text.hpp"
#include "runtime/event_bus.hpp"
#include "runtime/worker.hpp"
#include "stats/request_sample.hpp"
#include "timing/durations.hpp"

namespace locustpp::runtime {
namespace {

// Sets key=value in `context`, replacing an existing key.
void put(std::vector<std::pair<std::string, std::string>>& context, std::string_view key, std::string_view value) {
  auto same = std::find_if(context.begin(), context.end(), [&](const auto& entry) { return entry.first == key; });
  if (same != context.end()) {
    same->second.assign(value);
  } else {
    context.emplace_back(key, value);
  }
}

}  // namespace

user_context::user_context(worker& owner, const http::url* base)
    : worker_(owner), base_(base), session_(owner.http()), timer_(owner.http().io()) {}

locustpp_run* user_context::open_run() {
  close_run();
  current_run_ = worker_.runs().open(*this);
  return current_run_;
}

void user_context::close_run() noexcept {
  if (current_run_ == nullptr) return;
  worker_.runs().close(current_run_);
  current_run_ = nullptr;
}

void user_context::finish_run(const locustpp_run* run, std::int32_t outcome, std::string_view message) {
  if (run == nullptr || run != current_run_) return;
  if (settle_pending_) report_decided();  // a C module's task that decided and did not let go
  close_run();
  run_finished(outcome, message);
}

void user_context::add_user_context(std::vector<std::pair<std::string, std::string>>&) {}

void user_context::http_request(const locustpp_http_request& request, locustpp_http_callback callback,
                                void* callback_ctx) {
  if (settle_pending_) report_decided();
  http_callback_ = callback;
  http_callback_ctx_ = callback_ctx;
  catching_ = (request.flags & LOCUSTPP_HTTP_CATCH_RESPONSE) != 0;
  request_context_.clear();
  for (std::uint32_t i = 0; i < request.context_count; ++i) {
    request_context_.emplace_back(view_of(request.context[i].key), view_of(request.context[i].value));
  }
  session_.start(request, base_, &user_context::on_http_done, this);
}

void user_context::on_http_done(void* self_ptr) noexcept {
  auto& self = *static_cast<user_context*>(self_ptr);
  auto keep_alive = self.shared_from_this();
  if (self.catching_) {
    self.settle_pending_ = true;
    self.decided_outcome_ = LOCUSTPP_SETTLE_DEFAULT;
  } else {
    self.report_request(LOCUSTPP_SETTLE_DEFAULT, {});
  }
  plugin::code_site_guard resumed(self.running_site_);
  self.http_callback_(self.http_callback_ctx_, &self.session_.result().response);
}

void user_context::http_settle(std::uint64_t request_id, std::int32_t outcome, std::string_view failure,
                               const locustpp_pair* context, std::uint32_t context_count) {
  if (!settle_pending_ || request_id != session_.result().response.request_id) return;
  for (std::uint32_t i = 0; i < context_count; ++i)
    put(request_context_, view_of(context[i].key), view_of(context[i].value));
  if (outcome == LOCUSTPP_SETTLE_DEFAULT) return report_decided();  // the response is let go: report it now
  // success() or failure(): Locust keeps the last decision, reported when the
  // response is let go, the user's next request starts or the task ends.
  decided_outcome_ = outcome;
  decided_failure_.assign(failure);
}

void user_context::report_decided() {
  report_request(decided_outcome_, decided_failure_);
  decided_outcome_ = LOCUSTPP_SETTLE_DEFAULT;
}

void user_context::report_request(std::int32_t outcome, std::string_view failure) {
  settle_pending_ = false;
  const http::exchange_result& result = session_.result();
  std::string_view error = view_of(result.response.error);
  if (outcome == LOCUSTPP_SETTLE_SUCCESS) error = {};
  if (outcome == LOCUSTPP_SETTLE_FAILURE) {
    // Locust wraps a failure() message in CatchResponseError; its repr is the error text.
    settled_failure_ = "CatchResponseError(" + http::python_repr(failure.empty() ? "failure" : failure) + ")";
    error = settled_failure_;
  }
  event_bus& events = worker_.events();
  if (events.has_listeners(LOCUSTPP_EVENT_REQUEST)) {
    // Locust: {**user.context(), **request context}: the request's keys win.
    merged_context_.clear();
    add_user_context(merged_context_);
    for (const auto& [key, value] : request_context_) put(merged_context_, key, value);
    context_pairs_.clear();
    for (const auto& [key, value] : merged_context_) context_pairs_.push_back({abi_of(key), abi_of(value)});
    locustpp_request_event event{};
    event.struct_size = sizeof(event);
    event.request_type = abi_of(result.method);
    event.name = abi_of(result.name);
    event.response_time_ms = result.response.response_time_ms;
    event.response_length = result.response.response_length;
    event.response = &result.response;
    event.context = context_pairs_.data();
    event.context_count = static_cast<std::uint32_t>(context_pairs_.size());
    event.exception = abi_of(error);
    event.start_time = result.response.start_time;
    event.url = abi_of(result.url);
    events.fire(LOCUSTPP_EVENT_REQUEST, &event);
  }
  worker_.record(stats::request_sample{result.method, result.name, result.response_time_ns,
                                       result.response.response_length, result.response.start_time, error});
}

void user_context::sleep(double seconds, void (*callback)(void*), void* callback_ctx) {
  timer_.expires_after(timing::saturating_duration(seconds));
  std::uint64_t generation = ++timer_generation_;
  timer_.async_wait([self = shared_from_this(), generation, callback, callback_ctx](const boost::system::error_code&) {
    if (generation != self->timer_generation_) return;
    plugin::code_site_guard resumed(self->running_site_);
    callback(callback_ctx);
  });
}

void user_context::cancel_pending_io() {
  if (settle_pending_) report_decided();
  session_.abandon();
  cancel_timer();
}

void user_context::cancel_timer() {
  ++timer_generation_;
  timer_.cancel();
}

}  // namespace locustpp::runtime
