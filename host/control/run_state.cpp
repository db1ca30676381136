// The state machine's names and table (see run_state.hpp).
#include "control/run_state.hpp"

#include <spdlog/spdlog.h>

#include <array>

namespace locustpp::control {
namespace {

constexpr std::size_t state_count = std::size(all_run_states);

// legal[from][to], by the enum's values.
constexpr std::array<std::array<bool, state_count>, state_count> legal_moves = [] {
  std::array<std::array<bool, state_count>, state_count> table{};
  auto allow = [&](run_state from, run_state to) {
    table[static_cast<std::size_t>(from)][static_cast<std::size_t>(to)] = true;
  };
  allow(run_state::ready, run_state::spawning);     // a test starts
  allow(run_state::ready, run_state::cleanup);      // quit before any test
  allow(run_state::spawning, run_state::running);   // the target user count is reached
  allow(run_state::spawning, run_state::stopping);  // stopped while ramping
  allow(run_state::running, run_state::spawning);   // a new target while running
  allow(run_state::running, run_state::stopping);
  allow(run_state::stopping, run_state::stopped);  // every user has ended
  allow(run_state::stopped, run_state::spawning);  // the next test
  allow(run_state::stopped, run_state::cleanup);   // quit after a test
  return table;
}();

}  // namespace

std::string_view state_name(run_state state) {
  switch (state) {
    case run_state::ready:
      return "ready";
    case run_state::spawning:
      return "spawning";
    case run_state::running:
      return "running";
    case run_state::cleanup:
      return "cleanup";
    case run_state::stopping:
      return "stopping";
    case run_state::stopped:
      return "stopped";
  }
  return "ready";
}

bool legal_move(run_state from, run_state to) {
  return legal_moves[static_cast<std::size_t>(from)][static_cast<std::size_t>(to)];
}

state_machine::state_machine(std::atomic<std::uint32_t>& published) : published_(published) {
  published_.store(static_cast<std::uint32_t>(current_));
}

bool state_machine::move(run_state to) {
  if (!legal_move(current_, to)) {
    spdlog::error("Internal error: the runner cannot go from {} to {}", state_name(current_), state_name(to));
    return false;
  }
  current_ = to;
  published_.store(static_cast<std::uint32_t>(to));
  return true;
}

std::string_view worker_state_name(worker_state state) {
  if (state == worker_state::missing) return "missing";
  return state_name(static_cast<run_state>(state));
}

std::optional<worker_state> parse_worker_state(std::string_view name) {
  if (name == "missing") return worker_state::missing;
  for (run_state state : all_run_states) {
    if (state_name(state) == name) return static_cast<worker_state>(state);
  }
  return std::nullopt;
}

}  // namespace locustpp::control
