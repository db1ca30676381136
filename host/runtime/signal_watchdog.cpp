// The signal watchdog (see signal_watchdog.hpp).
#include "runtime/signal_watchdog.hpp"

#include <signal.h>
#include <spdlog/spdlog.h>
#include <unistd.h>

#include <atomic>
#include <cstdlib>
#include <thread>

#include "plugin/code_site.hpp"

namespace locustpp::runtime {
namespace {

std::atomic<int> signals_received{0};
std::atomic<int> signals_answered{0};
std::atomic<int> last_signal{0};
std::atomic<const plugin::code_site*> control_thread_site{nullptr};
struct sigaction chained_actions[NSIG];  // what was installed before (Asio's handler)

void note_signal(int signal, siginfo_t* info, void* context) {
  last_signal.store(signal);
  signals_received.fetch_add(1);
  const struct sigaction& chained = chained_actions[signal];
  if ((chained.sa_flags & SA_SIGINFO) != 0 && chained.sa_sigaction != nullptr) {
    chained.sa_sigaction(signal, info, context);
  } else if (chained.sa_handler != SIG_DFL && chained.sa_handler != SIG_IGN && chained.sa_handler != nullptr) {
    chained.sa_handler(signal);
  }
}

void watch(std::chrono::seconds grace) {
  using clock = std::chrono::steady_clock;
  int waited_for = 0;  // signals received when the wait began
  clock::time_point since;
  for (;;) {
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
    int received = signals_received.load();
    if (received <= signals_answered.load()) {
      waited_for = 0;
      continue;
    }
    if (waited_for == 0) {
      waited_for = received;
      since = clock::now();
    }
    if (clock::now() - since < grace) continue;
    int signal = last_signal.load();
    const plugin::code_site* site = control_thread_site.load();
    spdlog::error(
        "The control thread did not answer signal {} within {} s{}: ending the process without the final "
        "outputs",
        signal, grace.count(),
        site != nullptr ? " (it runs plugin code: module " + site->module + ", " + site->label + ")" : "");
    spdlog::default_logger()->flush();
    ::signal(signal, SIG_DFL);
    ::raise(signal);
    std::_Exit(128 + signal);  // the default action of SIGINT/SIGTERM ends the process before this
  }
}

std::chrono::seconds grace_from_environment(std::chrono::seconds grace) {
  const char* text = std::getenv("LOCUSTPP_SIGNAL_GRACE_SECONDS");
  long seconds = text != nullptr ? std::strtol(text, nullptr, 10) : 0;
  return seconds > 0 ? std::chrono::seconds(seconds) : grace;
}

}  // namespace

void install_signal_watchdog(std::chrono::seconds grace) {
  for (int signal : {SIGINT, SIGTERM}) {
    struct sigaction mine {};
    mine.sa_sigaction = &note_signal;
    mine.sa_flags = SA_SIGINFO | SA_RESTART;
    sigemptyset(&mine.sa_mask);
    ::sigaction(signal, &mine, &chained_actions[signal]);
  }
  plugin::publish_code_sites_to(&control_thread_site);
  std::thread(watch, grace_from_environment(grace)).detach();
}

void signal_answered() noexcept {
  signals_answered.store(signals_received.load());
}

}  // namespace locustpp::runtime
