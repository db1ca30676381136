// What plugin code reaches through a locustpp_user / locustpp_run handle: a
// simulated user or a background job. It owns the HTTP session (and fires
// the request event for each request), the timer behind sleep(), and the
// run that is in progress. Lives on one worker thread; every member runs
// there.
#pragma once

#include <boost/asio/steady_timer.hpp>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "http/http_session.hpp"
#include "locustpp/abi/events.h"
#include "locustpp/abi/users.h"
#include "plugin/code_site.hpp"

namespace locustpp::runtime {

class worker;

class user_context : public std::enable_shared_from_this<user_context> {
 public:
  user_context(worker& owner, const http::url* base);
  virtual ~user_context() = default;
  user_context(const user_context&) = delete;
  user_context& operator=(const user_context&) = delete;

  static user_context& from(locustpp_user* handle) noexcept { return *reinterpret_cast<user_context*>(handle); }
  locustpp_user* handle() noexcept { return reinterpret_cast<locustpp_user*>(this); }

  // ---- host services, called from plugin code on this thread ----
  // The run `run` (a handle of this user's, from the worker's run_table)
  // ended; a handle of an earlier run is ignored.
  void finish_run(const locustpp_run* run, std::int32_t outcome, std::string_view message);
  void http_request(const locustpp_http_request& request, locustpp_http_callback callback, void* callback_ctx);
  void http_settle(std::uint64_t request_id, std::int32_t outcome, std::string_view failure,
                   const locustpp_pair* context, std::uint32_t context_count);
  void sleep(double seconds, void (*callback)(void*), void* callback_ctx);

 protected:
  // Keys of the user's context() to merge under the request's own; none by default.
  virtual void add_user_context(std::vector<std::pair<std::string, std::string>>& into);
  // Fires the request event (listeners, then statistics) for the last
  // response; `outcome` is a locustpp_settle_outcome.
  void report_request(std::int32_t outcome, std::string_view failure);
  // Reports the pending catch_response request with its last decision.
  void report_decided();
  // Drops what is in flight (HTTP exchange, sleep, wait) after recording an
  // undecided catch_response request as its status decides.
  void cancel_pending_io();
  // Voids a pending sleep, wait or zero-wait turn.
  void cancel_timer();
  // A fresh handle for the run about to start (the previous one is closed).
  locustpp_run* open_run();
  // The current run's handle is dead from now on (it finished or was aborted).
  void close_run() noexcept;
  // How the current run ended (reported through finish_run).
  virtual void run_finished(std::int32_t outcome, std::string_view message) = 0;

  worker& worker_;
  const http::url* base_;
  // The plugin code this user runs now (its task, hook or job); resuming
  // it from an HTTP or sleep completion enters the same site.
  const plugin::code_site* running_site_ = nullptr;
  http::http_session session_;
  boost::asio::steady_timer timer_;  // sleeps (and a user's waits)
  std::uint64_t timer_generation_ = 0;
  bool settle_pending_ = false;

 private:
  static void on_http_done(void* self) noexcept;

  locustpp_run* current_run_ = nullptr;  // live handle of the run in progress, if any
  locustpp_http_callback http_callback_ = nullptr;
  void* http_callback_ctx_ = nullptr;
  bool catching_ = false;        // the request in flight is catch_response
  std::string settled_failure_;  // CatchResponseError('...') of a failure() call
  // A catch_response request's decision so far (Locust keeps the last one):
  // a locustpp_settle_outcome, and failure()'s message.
  std::int32_t decided_outcome_ = LOCUSTPP_SETTLE_DEFAULT;
  std::string decided_failure_;
  std::vector<std::pair<std::string, std::string>> request_context_;
  std::vector<std::pair<std::string, std::string>> merged_context_;  // reused per event
  std::vector<locustpp_pair> context_pairs_;                         // views of it, for the ABI
};

}  // namespace locustpp::runtime
