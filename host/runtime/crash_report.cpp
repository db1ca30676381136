// Fatal-signal reports (see crash_report.hpp).
#include "runtime/crash_report.hpp"

#include <signal.h>
#include <unistd.h>

#include <cstdlib>
#include <cstring>

#include "plugin/code_site.hpp"

namespace locustpp::runtime {
namespace {

constexpr std::size_t alternate_stack_bytes = 64 * 1024;
constexpr int fatal_signals[] = {SIGSEGV, SIGBUS, SIGFPE, SIGILL, SIGABRT};

const char* signal_name(int signal) {
  switch (signal) {
    case SIGSEGV:
      return "SIGSEGV";
    case SIGBUS:
      return "SIGBUS";
    case SIGFPE:
      return "SIGFPE";
    case SIGILL:
      return "SIGILL";
    case SIGABRT:
      return "SIGABRT";
    default:
      return "?";
  }
}

// Appends to a fixed buffer without allocating (no snprintf in a handler).
struct message_buffer {
  char text[1024];
  std::size_t size = 0;
  void add(const char* part) {
    for (; *part != '\0' && size < sizeof(text); ++part) text[size++] = *part;
  }
};

void report_fatal_signal(int signal, siginfo_t*, void*) {
  message_buffer message;
  message.add("locustpp: fatal signal ");
  message.add(signal_name(signal));
  if (const plugin::code_site* site = plugin::current_code_site()) {
    message.add(" in plugin code: module ");
    message.add(site->module.c_str());
    message.add(", ");
    message.add(site->label.c_str());
  } else {
    message.add(" (no plugin code was running on this thread)");
  }
  message.add("\n");
  ssize_t ignored = ::write(STDERR_FILENO, message.text, message.size);
  (void)ignored;
  // SA_RESETHAND restored the default action: let the signal end us.
  ::raise(signal);
}

// Runs inside exit(): when the thread that called it is in plugin code, a
// module ended the process (the host's own exits run in host code).
void report_exit_from_plugin_code() {
  const plugin::code_site* site = plugin::current_code_site();
  if (site == nullptr) return;
  message_buffer message;
  message.add("locustpp: exit() called by plugin code: module ");
  message.add(site->module.c_str());
  message.add(", ");
  message.add(site->label.c_str());
  message.add(" (the run ends without its final outputs)\n");
  ssize_t ignored = ::write(STDERR_FILENO, message.text, message.size);
  (void)ignored;
}

}  // namespace

void install_crash_report() {
  std::atexit(&report_exit_from_plugin_code);
  struct sigaction action {};
  action.sa_sigaction = &report_fatal_signal;
  action.sa_flags = SA_SIGINFO | SA_ONSTACK | SA_RESETHAND | SA_NODEFER;
  sigemptyset(&action.sa_mask);
  for (int signal : fatal_signals) ::sigaction(signal, &action, nullptr);
}

crash_report_thread_guard::crash_report_thread_guard() : stack_(new char[alternate_stack_bytes]) {
  stack_t alternate{};
  alternate.ss_sp = stack_.get();
  alternate.ss_size = alternate_stack_bytes;
  ::sigaltstack(&alternate, nullptr);
}

crash_report_thread_guard::~crash_report_thread_guard() {
  stack_t disabled{};
  disabled.ss_flags = SS_DISABLE;
  ::sigaltstack(&disabled, nullptr);
}

}  // namespace locustpp::runtime
