// This process's user pool on its real worker threads: per-class targets
// made exactly, ramp-downs that only ask threads that hold such users,
// users that end by themselves or after their iterations, and stopping.
#include <gtest/gtest.h>

#include <chrono>
#include <functional>
#include <future>
#include <memory>
#include <thread>

#include "control/local_users.hpp"
#include "pool_users_module.hpp"

namespace {

using namespace locustpp;
using namespace std::chrono_literals;
using counts = std::vector<std::uint64_t>;

// The pool with the test as its owner and listener, on a control thread of its own.
class pool_on_threads final : runtime::worker_owner, control::pool_listener {
 public:
  explicit pool_on_threads(const std::vector<std::string>& extra = {})
      : module_(extra),
        classes_(module_.plan(), ""),
        pool_(module_.options, classes_, module_.events, *this, *this, module_.control) {
    pool_.threads().start();
    thread_ = std::thread([this] { module_.control.run(); });
  }
  ~pool_on_threads() override {
    on_control([this] {
      pool_.threads().shut_down();
      module_.control.finish();
    });
    thread_.join();
  }

  void on_control(const std::function<void()>& job) {
    std::promise<void> done;
    module_.control.post([&] { job(), done.set_value(); });
    done.get_future().get();
  }
  bool eventually(const std::function<bool()>& holds) {
    for (auto deadline = std::chrono::steady_clock::now() + 10s; std::chrono::steady_clock::now() < deadline;) {
      bool held = false;
      on_control([&] { held = holds(); });
      if (held) return true;
      std::this_thread::sleep_for(10ms);
    }
    return false;
  }
  void targets(counts wanted) {
    on_control([&] { pool_.set_class_targets(wanted); });
  }
  // Users alive on the threads, and running per class (plan order: Idler, FirstQuits).
  bool holds(std::uint64_t users, counts per_class) {
    return eventually([&] { return pool_.users() == users && pool_.users_per_class() == per_class; });
  }

  control::local_users& pool() { return pool_; }
  int stopped = 0, finished = 0;
  std::uint64_t heard_users = 0;

 private:
  void post_to_control(std::function<void()> job) override { module_.control.post(std::move(job)); }
  void on_user_ended(std::size_t thread, std::size_t klass, bool asked) override {
    pool_.user_ended(thread, klass, asked);
  }
  void on_stop_test_requested() override {}
  void pool_users(std::uint64_t users, bool) override { heard_users = users; }
  void pool_stopped() override { ++stopped; }
  void pool_changed(const std::string&) override {}
  void pool_finished() override { ++finished; }

  test_support::pool_users_module module_;
  control::class_book classes_;
  control::local_users pool_;
  std::thread thread_;
};

TEST(ControlLocalUsers, TargetsPerClassAreMadeExactly) {
  pool_on_threads run;
  run.targets({6, 0});
  ASSERT_TRUE(run.holds(6, {6, 0}));
  run.targets({2, 0});
  ASSERT_TRUE(run.holds(2, {2, 0})) << "the retired users have ended";
  EXPECT_EQ(run.heard_users, 2u) << "the listener hears every change";
  run.targets({9, 0});
  ASSERT_TRUE(run.holds(9, {9, 0}));
}

// A user that ended by itself is not retired again: a ramp to 0 after it
// leaves no user behind, and the next ramp makes exactly its target.
TEST(ControlLocalUsers, AUserThatStoppedItselfIsNeverRetiredTwice) {
  pool_on_threads run;
  run.on_control([&] { run.pool().set_class_targets({3, 1}); });
  ASSERT_TRUE(run.holds(3, {3, 0})) << "the FirstQuits user ended itself";
  run.targets({0, 0});
  ASSERT_TRUE(run.holds(0, {0, 0}));
  run.targets({3, 1});
  ASSERT_TRUE(run.holds(4, {3, 1})) << "the class that lost its user gets one again";
  std::this_thread::sleep_for(100ms);  // a wrongly counted user would show by now
  EXPECT_TRUE(run.holds(4, {3, 1}));
}

TEST(ControlLocalUsers, StoppingEndsEveryUserAndSaysSoOnce) {
  pool_on_threads run;
  run.targets({5, 0});
  ASSERT_TRUE(run.holds(5, {5, 0}));
  run.on_control([&] { run.pool().stop(); });
  ASSERT_TRUE(run.eventually([&] { return run.stopped == 1; }));
  EXPECT_TRUE(run.holds(0, {0, 0}));
  run.on_control([&] { run.pool().stop(); });  // nothing runs: said again at once
  EXPECT_EQ(run.stopped, 2);
}

// -i/--iterations: users that are done are not replaced, and the pool says
// when all of them are.
TEST(ControlLocalUsers, UsersDoneWithTheirIterationsAreNotReplaced) {
  pool_on_threads run({"-i", "2"});
  run.targets({4, 0});
  ASSERT_TRUE(run.eventually([&] { return run.finished == 1; }));
  EXPECT_TRUE(run.holds(0, {0, 0}));
  run.targets({4, 0});
  std::this_thread::sleep_for(100ms);
  EXPECT_TRUE(run.holds(0, {0, 0})) << "the same target starts nobody again";
}

}  // namespace
