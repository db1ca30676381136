// locustpp C++ SDK — task control, thrown from user code as in Locust:
//   throw locustpp::stop_user{};  throw locustpp::reschedule_task{};
// The SDK turns each into its locustpp_run_outcome for the host.
#pragma once

#include <stdexcept>

namespace locustpp {

// Ends this user: on_stop runs, the user is not replaced.
struct stop_user {};
// Stops the whole test (Locust's StopTest).
struct stop_test {};
// Skips to the next task; with `immediately` there is no wait first.
struct reschedule_task {
  bool immediately = false;
};
// Leaves the current task set for its parent (TaskSet.interrupt()); with
// `reschedule` the parent picks its next task without waiting.
struct interrupt_task_set {
  bool reschedule = true;
};

}  // namespace locustpp
