// When plugin code crashes the process (SIGSEGV, SIGBUS, SIGFPE, SIGILL,
// SIGABRT), say which module and which task before the process dies:
//   locustpp: fatal signal SIGSEGV in plugin code: module com.example.shop, Shopper.browse
// Plugin code that calls exit() is named the same way:
//   locustpp: exit() called by plugin code: module com.example.shop, Shopper.browse (the run ends without
//   its final outputs)
// The handler only reads the crashing thread's code site and write()s, so
// it is async-signal-safe; the signal then ends the process as it would
// have (exit status and core dump unchanged).
#pragma once

#include <memory>

namespace locustpp::runtime {

// Installs the handlers (and an atexit hook) for the whole process. Once,
// early in main.
void install_crash_report();

// Gives the calling thread an alternate signal stack for its lifetime, so
// that a stack overflow (infinite recursion in a task) is reported too.
class crash_report_thread_guard {
 public:
  crash_report_thread_guard();
  ~crash_report_thread_guard();
  crash_report_thread_guard(const crash_report_thread_guard&) = delete;
  crash_report_thread_guard& operator=(const crash_report_thread_guard&) = delete;

 private:
  std::unique_ptr<char[]> stack_;
};

}  // namespace locustpp::runtime
