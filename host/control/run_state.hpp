// The runner's state machine (Locust's states, by the names its API and UI
// use): one enum and one table of the moves between them. Only the
// controller moves it; everything else reads it, the atomic published in
// runtime::host_state included (plugins and worker threads read that).
//
//   ready ──start──▶ spawning ◀──new target── running
//     │                 │  └──target reached──▶ │
//     │                 └──────stop──▶ stopping ◀──stop──┘
//     │                                 │
//     │                       users gone▼
//     └─────────quit──▶ cleanup ◀─quit─ stopped ──start──▶ spawning
//
// cleanup is the end: the process quits (the last reports are awaited and
// the outputs written). A master's worker may also be missing (worker_state).
#pragma once

#include <atomic>
#include <cstdint>
#include <optional>
#include <string_view>

#include "locustpp/abi/host.h"

namespace locustpp::control {

enum class run_state : std::uint8_t {
  ready = LOCUSTPP_STATE_READY,
  spawning = LOCUSTPP_STATE_SPAWNING,
  running = LOCUSTPP_STATE_RUNNING,
  cleanup = LOCUSTPP_STATE_CLEANUP,
  stopping = LOCUSTPP_STATE_STOPPING,
  stopped = LOCUSTPP_STATE_STOPPED,
};

inline constexpr run_state all_run_states[] = {run_state::ready,   run_state::spawning, run_state::running,
                                               run_state::cleanup, run_state::stopping, run_state::stopped};

std::string_view state_name(run_state state);
// The table: whether the runner may go from `from` to `to`.
bool legal_move(run_state from, run_state to);
// A test runs (its users exist or are being stopped) in these states.
constexpr bool test_active(run_state state) {
  return state == run_state::spawning || state == run_state::running || state == run_state::stopping;
}

class state_machine {
 public:
  // `published`: where the state is mirrored for other threads (host_state::runner_state).
  explicit state_machine(std::atomic<std::uint32_t>& published);

  run_state current() const noexcept { return current_; }
  // Moves to `to` when the table allows it and returns true; a move it does
  // not allow is a bug of the caller: logged as an error, and refused.
  bool move(run_state to);

 private:
  std::atomic<std::uint32_t>& published_;
  run_state current_ = run_state::ready;
};

// A master's view of one worker (Locust's worker states, as its heartbeats
// and the Workers tab name them): the runner's states, plus missing.
enum class worker_state : std::uint8_t { ready, spawning, running, cleanup, stopping, stopped, missing };

std::string_view worker_state_name(worker_state state);
// What a worker's heartbeat says ("ready", ...); nullopt for other text.
std::optional<worker_state> parse_worker_state(std::string_view name);

}  // namespace locustpp::control
