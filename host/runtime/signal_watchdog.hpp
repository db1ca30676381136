// SIGINT and SIGTERM are answered by the control thread (Asio's signal_set):
// it stops the test, writes the outputs and quits. A control thread held by
// plugin code that never returns (a listener that loops) would never hear
// them, and the process would ignore every signal. This watchdog sees the
// signals too: when the control thread has not answered one within the
// grace, it says so, naming the plugin code the control thread is in, and
// ends the process by the signal's own default action (exit status
// 128 + signal), without the final outputs.
//
// Thread rules: install() once on the control thread after the controller
// (whose signal_set must already be in place) and before run(); answered()
// on the control thread; the rest is the watchdog's own thread and the
// signal handler (async-signal-safe).
#pragma once

#include <chrono>

namespace locustpp::runtime {

// Chains a handler in front of the one installed for SIGINT and SIGTERM,
// publishes the control thread's plugin code site, and starts the watchdog.
// LOCUSTPP_SIGNAL_GRACE_SECONDS shortens the grace, for tests.
void install_signal_watchdog(std::chrono::seconds grace = std::chrono::seconds(10));

// The control thread heard a signal (each call answers the ones so far).
void signal_answered() noexcept;

}  // namespace locustpp::runtime
