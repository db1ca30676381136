// The SDK's coroutine layer against a fake host table: how runs end (every
// task-control exception, also thrown before a coroutine starts), values
// through nested tasks, resumption by host callbacks, aborts, and the frame pool.
#include "locustpp/locustpp.hpp"

#include <gtest/gtest.h>

#include <algorithm>
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

namespace {

// Coroutine frames are recycled per thread by size class (plain heap under
// AddressSanitizer, which must see every use after free).
TEST(FramePool, ReusesAFreedFrameOfTheSameSizeClass) {
#ifdef LOCUSTPP_FRAME_POOL_OFF
  GTEST_SKIP() << "frames come straight from the heap under AddressSanitizer";
#else
  using locustpp::detail::frame_pool;
  void* first = frame_pool::allocate(200);
  frame_pool::deallocate(first, 200);
  void* second = frame_pool::allocate(150);  // 129-192 and 193-256 differ; 150 is another class
  void* third = frame_pool::allocate(250);   // same class as 200: the freed frame
  EXPECT_EQ(third, first);
  EXPECT_NE(second, first);
  frame_pool::deallocate(second, 150);
  frame_pool::deallocate(third, 250);

  // Frames over 1 KiB are not cached (and must still be freed properly).
  void* big = frame_pool::allocate(5000);
  frame_pool::deallocate(big, 5000);

  // A class holds at most max_per_class free frames; the rest go back to the heap.
  std::vector<void*> many;
  for (std::size_t i = 0; i < frame_pool::max_per_class + 8; ++i) many.push_back(frame_pool::allocate(64));
  for (void* frame : many) frame_pool::deallocate(frame, 64);
  std::vector<void*> again;
  for (std::size_t i = 0; i < frame_pool::max_per_class + 8; ++i) again.push_back(frame_pool::allocate(64));
  std::size_t reused = 0;
  for (void* frame : again) reused += static_cast<std::size_t>(std::count(many.begin(), many.end(), frame));
  EXPECT_GE(reused, frame_pool::max_per_class);
  for (void* frame : again) frame_pool::deallocate(frame, 64);
#endif
}

}  // namespace
