// The SDK's coroutine layer against a fake host table: how runs end (every
// task-control exception, also thrown before a coroutine starts), values
// through nested tasks, resumption by host callbacks, and aborts.
#include "locustpp/locustpp.hpp"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace {

struct fake_host {
  std::vector<std::pair<std::int32_t, std::string>> finished;
  void (*pending_wake)(void*) = nullptr;
  void* pending_ctx = nullptr;
};
fake_host* fake = nullptr;

locustpp_host_api make_table() {
  locustpp_host_api table{};
  table.struct_size = sizeof(table);
  table.run_finished = [](locustpp_run*, std::int32_t outcome, locustpp_string message) {
    fake->finished.emplace_back(outcome, std::string(message.data == nullptr ? "" : message.data, message.size));
  };
  table.sleep = [](locustpp_user*, double, void (*callback)(void*), void* ctx) {
    fake->pending_wake = callback;
    fake->pending_ctx = ctx;
  };
  return table;
}

class SdkTask : public ::testing::Test {
 protected:
  void SetUp() override {
    fake = &host_;
    table_ = make_table();
    locustpp::detail::host_api = &table_;
  }
  template <class Make>
  void* start(Make make) {
    return locustpp::detail::start_run(reinterpret_cast<locustpp_run*>(this), make);
  }
  fake_host host_;
  locustpp_host_api table_{};
};

locustpp::task<int> forty_two() { co_return 42; }

TEST_F(SdkTask, FinishesSynchronouslyWithValuesFromNestedTasks) {
  int seen = 0;
  void* token = start([&]() -> locustpp::task<> { seen = co_await forty_two(); });
  EXPECT_EQ(token, nullptr) << "a task that never suspends has no abort token";
  EXPECT_EQ(seen, 42);
  ASSERT_EQ(host_.finished.size(), 1u);
  EXPECT_EQ(host_.finished[0].first, LOCUSTPP_RUN_DONE);
}

TEST_F(SdkTask, MapsTaskControlExceptionsToOutcomes) {
  start([]() -> locustpp::task<> { throw locustpp::stop_user{}; co_return; });
  start([]() -> locustpp::task<> { throw locustpp::stop_test{}; co_return; });
  start([]() -> locustpp::task<> { throw locustpp::reschedule_task{}; co_return; });
  start([]() -> locustpp::task<> { throw locustpp::reschedule_task{true}; co_return; });
  start([]() -> locustpp::task<> { throw locustpp::interrupt_task_set{}; co_return; });
  start([]() -> locustpp::task<> { throw locustpp::interrupt_task_set{false}; co_return; });
  start([]() -> locustpp::task<> { throw std::runtime_error("kaput"); co_return; });
  ASSERT_EQ(host_.finished.size(), 7u);
  EXPECT_EQ(host_.finished[0].first, LOCUSTPP_RUN_STOP_USER);
  EXPECT_EQ(host_.finished[1].first, LOCUSTPP_RUN_STOP_TEST);
  EXPECT_EQ(host_.finished[2].first, LOCUSTPP_RUN_RESCHEDULE);
  EXPECT_EQ(host_.finished[3].first, LOCUSTPP_RUN_RESCHEDULE_NOW);
  EXPECT_EQ(host_.finished[4].first, LOCUSTPP_RUN_INTERRUPT);
  EXPECT_EQ(host_.finished[5].first, LOCUSTPP_RUN_INTERRUPT_WAIT);
  EXPECT_EQ(host_.finished[6], std::make_pair(std::int32_t{LOCUSTPP_RUN_ERROR}, std::string("kaput")));
}

TEST_F(SdkTask, ControlExceptionsFromPlainFunctionsAreMappedToo) {
  start([]() -> locustpp::task<> { throw locustpp::stop_user{}; });
  ASSERT_EQ(host_.finished.size(), 1u);
  EXPECT_EQ(host_.finished[0].first, LOCUSTPP_RUN_STOP_USER);
}

TEST_F(SdkTask, ResumesWhenTheHostCallsBack) {
  bool after_sleep = false;
  // A lambda coroutine keeps its captures in the lambda object, so the
  // lambda must outlive the suspended run (module storage does that for
  // real plugins).
  auto body = [&]() -> locustpp::task<> {
    co_await locustpp::sleep_for(nullptr, 1.0);
    after_sleep = true;
  };
  void* token = start([&] { return body(); });
  EXPECT_NE(token, nullptr);
  EXPECT_FALSE(after_sleep);
  EXPECT_TRUE(host_.finished.empty());
  host_.pending_wake(host_.pending_ctx);
  EXPECT_TRUE(after_sleep);
  ASSERT_EQ(host_.finished.size(), 1u);
  EXPECT_EQ(host_.finished[0].first, LOCUSTPP_RUN_DONE);
}

struct destruction_flag {
  bool* flag;
  ~destruction_flag() { *flag = true; }
};

locustpp::task<> sleeps_with_a_guard(bool* destroyed) {
  destruction_flag guard{destroyed};
  co_await locustpp::sleep_for(nullptr, 5.0);
}

TEST_F(SdkTask, AbortDestroysEveryAwaitedFrameWithoutReporting) {
  bool destroyed = false;
  void* token = start([&] { return sleeps_with_a_guard(&destroyed); });
  ASSERT_NE(token, nullptr);
  locustpp::detail::abort_run(token);
  EXPECT_TRUE(destroyed) << "locals of the nested, suspended frame ran their destructors";
  EXPECT_TRUE(host_.finished.empty()) << "an aborted run is not reported";
}

}  // namespace
