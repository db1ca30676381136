// locustpp C++ SDK — the test's environment, from any callback on any thread
// (Locust's `environment`): which runner this process is, its state, the
// parsed options, live statistics, and control over the run.
//   if (locustpp::env().is_master()) ...
//   auto total = locustpp::env().total();  if (total && total->fail_ratio > 0.2) locustpp::env().stop_test();
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

#include "locustpp/host.hpp"

namespace locustpp {

class environment {
 public:
  locustpp_runner_kind runner_kind() const { return static_cast<locustpp_runner_kind>(host().runner_kind()); }
  bool is_local() const { return runner_kind() == LOCUSTPP_RUNNER_LOCAL; }
  bool is_master() const { return runner_kind() == LOCUSTPP_RUNNER_MASTER; }
  bool is_worker() const { return runner_kind() == LOCUSTPP_RUNNER_WORKER; }
  locustpp_runner_state state() const { return static_cast<locustpp_runner_state>(host().runner_state()); }
  std::string_view host_url() const { return option("host"); }

  // The first value of an option by name without dashes ("users",
  // "my-argument"); empty when unset.
  std::string_view option(std::string_view name) const {
    locustpp_string value{};
    return host().option_value(to_abi(name), 0, &value) > 0 ? from_abi(value) : std::string_view{};
  }

  // Statistics as of the last merge (about a second old at most).
  std::optional<locustpp_stats_view> stats(std::string_view name, std::string_view method) const {
    locustpp_stats_view view{};
    view.struct_size = sizeof(view);
    if (host().stats(to_abi(name), to_abi(method), &view) == 0) return std::nullopt;
    return view;
  }
  std::optional<locustpp_stats_view> total() const { return stats({}, {}); }
  // Response time in ms at `fraction` (0..1); NaN without requests.
  double percentile(double fraction, std::string_view name = {}, std::string_view method = {}) const {
    return host().stats_percentile(to_abi(name), to_abi(method), fraction);
  }
  std::uint64_t user_count() const { return host().user_count(); }

  // This process's worker index: 0 for a local or master runner (and in a
  // host older than ABI 1.1, which has no workers).
  std::uint32_t worker_index() const { return LOCUSTPP_HOST_HAS(worker_index) ? host().worker_index() : 0; }

  void stop_test() const { host().stop_test(&host()); }
  void quit() const { host().quit(&host()); }
  // The exit code the process ends with (environment.process_exit_code).
  void set_exit_code(int code) const { host().set_exit_code(&host(), code); }
};

inline environment env() {
  return {};
}

}  // namespace locustpp
