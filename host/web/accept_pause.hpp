// The pause before the web UI accepts again after a failed accept (out of
// file descriptors, most often: the listening socket stays readable, so
// retrying at once spins a core and floods the log): 50 ms, doubling to
// 1 s while the failures go on, none once an accept works.
#pragma once

#include <algorithm>
#include <chrono>

namespace locustpp::web {

struct accept_pause {
  static constexpr std::chrono::milliseconds first{50};
  static constexpr std::chrono::milliseconds longest{1000};

  // The pause after one more failure, given the one before (0: none before).
  static constexpr std::chrono::milliseconds after_failure(std::chrono::milliseconds before) {
    return before.count() == 0 ? first : std::min(before * 2, longest);
  }
};

}  // namespace locustpp::web
