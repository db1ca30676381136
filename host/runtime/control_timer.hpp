// A one-shot timer on the control thread, for the parts of the controller
// that wait (a stop timeout, a ramp's next step). Asio stays in the .cpp.
//
// Thread rules: control thread only; the callback runs there, and never
// after cancel(), a new after() or the timer's destruction.
#pragma once

#include <chrono>
#include <functional>
#include <memory>

namespace locustpp::runtime {

class control_loop;

class control_timer {
 public:
  explicit control_timer(control_loop& loop);
  ~control_timer();
  control_timer(const control_timer&) = delete;
  control_timer& operator=(const control_timer&) = delete;

  // Runs `then` after `delay`, replacing whatever was pending.
  void after(std::chrono::steady_clock::duration delay, std::function<void()> then);
  // The same for a delay in seconds (negative or NaN: at once; huge: never in practice).
  void after_seconds(double seconds, std::function<void()> then);
  void cancel();

 private:
  struct impl;
  std::unique_ptr<impl> impl_;
};

}  // namespace locustpp::runtime
