// locustpp C++ SDK — background work beside the users (Locust's background
// greenlet), started at test start and cancelled when the test ends:
//   module.background("fail-ratio checker", [](locustpp::background_job& job) -> locustpp::task<> {
//     for (;;) {
//       co_await job.sleep(1);
//       auto total = locustpp::env().total();
//       if (total && total->fail_ratio > 0.2) locustpp::env().stop_test();
//     }
//   });
// The job has its own HTTP client and timers, like a user (job.client).
#pragma once

#include <functional>
#include <string>

#include "locustpp/detail/run.hpp"
#include "locustpp/user.hpp"

namespace locustpp {

class background_job : public scope {};

using background_function = std::function<task<>(background_job&)>;

namespace detail {

// Owns the job object for as long as the job's coroutine runs.
inline task<> run_background(const background_function& body, locustpp_user* handle) {
  background_job job;
  job.attach_to_user(handle);
  co_await body(job);
}

inline void* start_background(void* fn_ctx, void* instance, locustpp_run* run) noexcept {
  const auto& body = *static_cast<const background_function*>(fn_ctx);
  return start_run(run, [&] { return run_background(body, static_cast<locustpp_user*>(instance)); });
}

}  // namespace detail
}  // namespace locustpp
