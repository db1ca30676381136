// The controller driven as its clients drive it (start, retarget, stop,
// quit, on the control thread), with real worker threads running the users
// of a real module loaded by the real loader.
#include <gtest/gtest.h>

#include <chrono>
#include <functional>
#include <future>
#include <memory>
#include <numeric>
#include <thread>

#include "control/controller.hpp"
#include "pool_users_module.hpp"

namespace {

using namespace locustpp;
using control::run_state;
using namespace std::chrono_literals;

// One process's controller on its own control thread, as main makes it.
class running_controller {
 public:
  explicit running_controller(const std::vector<std::string>& extra = {}) : module_(extra) {
    controller_ = std::make_unique<control::controller>(module_.options, module_.catalog, module_.plan(),
                                                        module_.events, module_.state);
    thread_ = std::thread([this] { exit_code_.set_value(controller_->run([] {})); });
  }
  // Runs `job` on the control thread and returns what it returns.
  template <class Job>
  auto on_control(Job job) {
    using result = decltype(job(*controller_));
    auto done = std::make_shared<std::promise<result>>();
    std::future<result> answer = done->get_future();
    module_.control.post([this, job, done] {
      if constexpr (std::is_void_v<result>) {
        job(*controller_), done->set_value();
      } else {
        done->set_value(job(*controller_));
      }
    });
    return answer.get();
  }

  ~running_controller() {
    if (thread_.joinable()) {
      on_control([](control::controller& c) { c.quit(); });
      thread_.join();
    }
  }

  // Polls `holds` on the control thread until it is true (within 10 s).
  bool eventually(const std::function<bool(control::controller&)>& holds) {
    for (auto deadline = std::chrono::steady_clock::now() + 10s; std::chrono::steady_clock::now() < deadline;) {
      if (on_control(holds)) return true;
      std::this_thread::sleep_for(10ms);
    }
    return false;
  }

  std::string start(std::uint64_t users, double rate = 100) {
    control::test_request request;
    request.users = users;
    request.spawn_rate = rate;
    return on_control([request](control::controller& c) { return c.start(request); });
  }

  // Users as the controller counts them, and as the threads hold them.
  std::uint64_t users() {
    return on_control([](control::controller& c) { return c.user_count(); });
  }
  std::vector<std::uint64_t> per_class() {
    return on_control([](control::controller& c) { return c.users_per_class(); });
  }
  run_state state() {
    return on_control([](control::controller& c) { return c.state(); });
  }
  int quit_and_wait() {
    on_control([](control::controller& c) { c.quit(); });
    thread_.join();
    return exit_code_.get_future().get();
  }

  runtime::host_state& host_state() { return module_.state; }

 private:
  test_support::pool_users_module module_;
  std::unique_ptr<control::controller> controller_;
  std::promise<int> exit_code_;
  std::thread thread_;
};

bool running_with(running_controller& run, std::uint64_t users) {
  return run.eventually(
      [users](control::controller& c) { return c.state() == run_state::running && c.user_count() == users; });
}

TEST(ControlController, ATestGoesThroughLocustsStatesAndQuitsCleanly) {
  running_controller run;
  EXPECT_EQ(run.state(), run_state::ready);
  EXPECT_EQ(run.start(4), "");
  ASSERT_TRUE(running_with(run, 3)) << "the FirstQuits user ends itself";
  EXPECT_EQ(run.host_state().runner_state.load(), LOCUSTPP_STATE_RUNNING) << "plugins read the same state";
  run.on_control([](control::controller& c) { c.stop(); });
  ASSERT_TRUE(run.eventually([](control::controller& c) { return c.state() == run_state::stopped; }));
  EXPECT_EQ(run.users(), 0u);
  EXPECT_EQ(run.start(2), "") << "a stopped runner starts again";
  ASSERT_TRUE(running_with(run, 1));
  EXPECT_EQ(run.quit_and_wait(), 0);
  EXPECT_EQ(run.host_state().runner_state.load(), LOCUSTPP_STATE_CLEANUP) << "a quit ends in cleanup";
}

// The defect of issue 19: a ramp-down counted a retirement on a thread whose
// user had stopped itself, so a ramp to 0 left a user running, and the next
// ramp to 5 ran 6.
TEST(ControlController, RampDownsAfterAUserStoppedItselfLeaveExactlyTheTarget) {
  running_controller run;
  ASSERT_EQ(run.start(5), "");
  // The fixed FirstQuits user ends itself after its first task: 4 Idlers remain.
  ASSERT_TRUE(running_with(run, 4));
  EXPECT_EQ(run.per_class(), (std::vector<std::uint64_t>{4, 0}));
  ASSERT_EQ(run.start(0), "");
  ASSERT_TRUE(running_with(run, 0)) << "no user is left running at a target of 0";
  EXPECT_EQ(run.per_class(), (std::vector<std::uint64_t>{0, 0}));
  ASSERT_EQ(run.start(5), "");
  ASSERT_TRUE(running_with(run, 5));
  std::this_thread::sleep_for(200ms);  // long enough for a wrongly kept user to show up in the count
  EXPECT_EQ(run.users(), 5u);
  EXPECT_EQ(run.per_class(), (std::vector<std::uint64_t>{4, 1}));
  // Down in steps of 1 per 10 ms, then up again: every step lands exactly.
  ASSERT_EQ(run.start(2, 100), "");
  ASSERT_TRUE(running_with(run, 2));
  EXPECT_EQ(run.per_class(), (std::vector<std::uint64_t>{1, 1}));
  ASSERT_EQ(run.start(7, 100), "");
  ASSERT_TRUE(running_with(run, 7));
  EXPECT_EQ(run.per_class(), (std::vector<std::uint64_t>{6, 1}));
}

TEST(ControlController, RefusalsNameTheProblemAndChangeNothing) {
  running_controller run({"--max-users-per-process", "10"});
  EXPECT_EQ(run.start(1, 0), "spawn rate must be a number > 0");
  EXPECT_NE(run.start(11).find("--max-users-per-process"), std::string::npos);
  EXPECT_EQ(run.state(), run_state::ready);
  control::test_request unknown;
  unknown.user_classes = {"Nobody"};
  EXPECT_NE(run.on_control([unknown](control::controller& c) { return c.start(unknown); }), "");
  ASSERT_EQ(run.start(3), "");
  ASSERT_TRUE(running_with(run, 2));
  runtime::class_settings settings;
  settings.user_class = "Idler";
  settings.weight = 2;
  EXPECT_NE(run.on_control([settings](control::controller& c) { return c.update_class(settings); }), "")
      << "a class cannot change under its running users";
}

TEST(ControlController, AQuitWhileRunningStopsTheUsersFirst) {
  running_controller run;
  ASSERT_EQ(run.start(6), "");
  ASSERT_TRUE(running_with(run, 5));
  EXPECT_EQ(run.quit_and_wait(), 0);
  EXPECT_EQ(run.host_state().user_count.load(), 0u);
  EXPECT_EQ(run.host_state().runner_state.load(), LOCUSTPP_STATE_CLEANUP);
}

TEST(ControlController, TheExitCodeIsSetOnlyThroughTheController) {
  running_controller run;
  run.on_control([](control::controller& c) { c.set_exit_code(7); });
  EXPECT_EQ(run.quit_and_wait(), 7);
}

}  // namespace
