// The runner's state machine: every state Locust names is reachable by the
// table's moves, the moves a runner must never make are refused, and the
// state other threads read follows every move.
#include <gtest/gtest.h>

#include <set>
#include <vector>

#include "control/run_state.hpp"

namespace {

using locustpp::control::all_run_states;
using locustpp::control::legal_move;
using locustpp::control::run_state;
using locustpp::control::state_machine;
using locustpp::control::worker_state;

TEST(ControlRunState, EveryStateIsReachableFromReady) {
  std::set<run_state> reached{run_state::ready};
  std::vector<run_state> frontier{run_state::ready};
  while (!frontier.empty()) {
    run_state from = frontier.back();
    frontier.pop_back();
    for (run_state to : all_run_states) {
      if (legal_move(from, to) && reached.insert(to).second) frontier.push_back(to);
    }
  }
  EXPECT_EQ(reached.size(), std::size(all_run_states));
}

TEST(ControlRunState, TheTableHoldsLocustsLifeCycle) {
  // A test: started, ramped, retargeted, stopped, started again, quit.
  for (auto [from, to] : std::vector<std::pair<run_state, run_state>>{{run_state::ready, run_state::spawning},
                                                                      {run_state::spawning, run_state::running},
                                                                      {run_state::running, run_state::spawning},
                                                                      {run_state::spawning, run_state::stopping},
                                                                      {run_state::running, run_state::stopping},
                                                                      {run_state::stopping, run_state::stopped},
                                                                      {run_state::stopped, run_state::spawning},
                                                                      {run_state::stopped, run_state::cleanup},
                                                                      {run_state::ready, run_state::cleanup}}) {
    EXPECT_TRUE(legal_move(from, to)) << state_name(from) << " -> " << state_name(to);
  }
  // Users are never dropped without stopping, and cleanup is the end.
  for (auto [from, to] : std::vector<std::pair<run_state, run_state>>{{run_state::running, run_state::stopped},
                                                                      {run_state::spawning, run_state::stopped},
                                                                      {run_state::running, run_state::cleanup},
                                                                      {run_state::stopping, run_state::running},
                                                                      {run_state::stopped, run_state::ready},
                                                                      {run_state::ready, run_state::running}}) {
    EXPECT_FALSE(legal_move(from, to)) << state_name(from) << " -> " << state_name(to);
  }
  for (run_state to : all_run_states) EXPECT_FALSE(legal_move(run_state::cleanup, to)) << state_name(to);
}

TEST(ControlRunState, TheMachinePublishesLegalMovesAndRefusesOthers) {
  std::atomic<std::uint32_t> published{99};
  state_machine machine(published);
  EXPECT_EQ(published.load(), LOCUSTPP_STATE_READY);
  EXPECT_FALSE(machine.move(run_state::running));
  EXPECT_EQ(machine.current(), run_state::ready);
  EXPECT_TRUE(machine.move(run_state::spawning));
  EXPECT_TRUE(machine.move(run_state::running));
  EXPECT_EQ(published.load(), LOCUSTPP_STATE_RUNNING);
  EXPECT_FALSE(machine.move(run_state::stopped));
  EXPECT_EQ(published.load(), LOCUSTPP_STATE_RUNNING);
}

TEST(ControlRunState, NamesAreLocusts) {
  std::vector<std::string_view> names;
  for (run_state state : all_run_states) names.push_back(state_name(state));
  EXPECT_EQ(names, (std::vector<std::string_view>{"ready", "spawning", "running", "cleanup", "stopping", "stopped"}));
  for (std::string_view name : {"ready", "spawning", "running", "cleanup", "stopping", "stopped", "missing"}) {
    auto parsed = locustpp::control::parse_worker_state(name);
    ASSERT_TRUE(parsed.has_value()) << name;
    EXPECT_EQ(worker_state_name(*parsed), name);
  }
  EXPECT_FALSE(locustpp::control::parse_worker_state("Running").has_value());
  EXPECT_FALSE(locustpp::control::parse_worker_state("").has_value());
}

}  // namespace
