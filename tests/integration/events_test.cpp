// Events through the real host, seen by the recording test plugin: how
// often each fires, in which order, with which values; failing tasks and
// listeners; live statistics in a background job; requests reported with
// measure/fire_request; and a load shape that drives the user count.
#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include "demo_target.hpp"
#include "locustpp/abi/host.h"
#include "locustpp_run.hpp"
#include "output_text.hpp"

namespace locustpp::testing {
namespace {

// The recorded events: "EVENT <kind> <details>" lines, in output order.
struct recorded_event {
  std::string kind, details;
};

std::vector<recorded_event> events_in(const std::string& out) {
  std::vector<recorded_event> events;
  for (const auto& line : lines_of(out)) {
    if (!starts_with(line, "EVENT ")) continue;
    std::string rest = line.substr(6);
    auto space = rest.find(' ');
    events.push_back({rest.substr(0, space), space == std::string::npos ? "" : rest.substr(space + 1)});
  }
  return events;
}

std::size_t count_of(const std::vector<recorded_event>& events, const std::string& kind) {
  return static_cast<std::size_t>(
      std::count_if(events.begin(), events.end(), [&](const auto& event) { return event.kind == kind; }));
}

std::vector<std::string> details_of(const std::vector<recorded_event>& events, const std::string& kind) {
  std::vector<std::string> details;
  for (const auto& event : events) {
    if (event.kind == kind) details.push_back(event.details);
  }
  return details;
}

long first_index(const std::vector<recorded_event>& events, const std::string& kind) {
  for (std::size_t i = 0; i < events.size(); ++i) {
    if (events[i].kind == kind) return static_cast<long>(i);
  }
  return -1;
}

std::size_t count_substring(const std::string& text, const std::string& part) {
  std::size_t count = 0;
  for (auto at = text.find(part); at != std::string::npos; at = text.find(part, at + part.size())) ++count;
  return count;
}

// One recording run of the given class (classes go first: see UserBehaviour).
run_result record_run(const demo_target& target, const std::string& user_class, const std::string& users,
                      const std::string& seconds, std::vector<std::string> extra = {}) {
  std::vector<std::string> args{
      user_class, "-f",         test_plugin("recording"), "--headless", "-u", users, "-r", "100", "-t", seconds,
      "-H",       target.url(), "--only-summary"};
  args.insert(args.end(), extra.begin(), extra.end());
  return run_locustpp(args, 30);
}

TEST(Events, EachLifecycleEventFiresOnceInOrder) {
  demo_target target;
  run_result result = record_run(target, "Visitor", "3", "2s");
  ASSERT_EQ(result.exit_code, 0) << result.err;
  auto events = events_in(result.out);

  for (const char* once : {"init_command_line_parser", "init", "test_start", "test_stopping", "test_stop", "quitting",
                           "quit", "spawning_complete"}) {
    EXPECT_EQ(count_of(events, once), 1u) << once << "\n" << result.out;
  }
  EXPECT_EQ(details_of(events, "spawning_complete"), std::vector<std::string>{"3"});
  const std::string cleanup = std::to_string(LOCUSTPP_STATE_CLEANUP);
  EXPECT_EQ(details_of(events, "quit"), std::vector<std::string>{std::to_string(*result.exit_code) + " " + cleanup});
  EXPECT_EQ(details_of(events, "quitting"), std::vector<std::string>{cleanup}) << "the state as the process quits";
  EXPECT_EQ(count_of(events, "user_error"), 0u);
  EXPECT_EQ(count_of(events, "reset_stats"), 0u);

  // One request event per request in the statistics, with its method and name.
  ASSERT_GT(result.total_requests(), 0u);
  EXPECT_EQ(count_of(events, "request"), result.total_requests());
  auto requests = details_of(events, "request");
  EXPECT_EQ(static_cast<std::uint64_t>(std::count(requests.begin(), requests.end(), "GET / ok")),
            result.of("GET", "/").requests);
  EXPECT_EQ(static_cast<std::uint64_t>(std::count(requests.begin(), requests.end(), "GET /bytes ok")),
            result.of("GET", "/bytes").requests);

  const std::vector<std::string> order{"init_command_line_parser",
                                       "init",
                                       "test_start",
                                       "spawning_complete",
                                       "test_stopping",
                                       "test_stop",
                                       "quitting",
                                       "quit"};
  long previous = -1;
  for (const auto& kind : order) {
    long at = first_index(events, kind);
    EXPECT_GT(at, previous) << kind << " is out of order\n" << result.out;
    previous = at;
  }
  // Requests come between the test's start and its stop.
  EXPECT_GT(first_index(events, "request"), first_index(events, "test_start"));
  long last_request = -1;
  for (std::size_t i = 0; i < events.size(); ++i) {
    if (events[i].kind == "request") last_request = static_cast<long>(i);
  }
  EXPECT_LT(last_request, first_index(events, "test_stop"));
}

TEST(Events, UserErrorCarriesTheClassTaskAndMessage) {
  demo_target target;
  run_result result = record_run(target, "Thrower", "2", "1s");
  EXPECT_EQ(result.exit_code, 1) << "a throwing task counts as an error, as in Locust: " << result.err;
  auto errors = details_of(events_in(result.out), "user_error");
  ASSERT_GT(errors.size(), 0u) << result.out;
  for (const auto& details : errors) EXPECT_EQ(details, "Thrower boom task failed on purpose");
  // The host logged each one too.
  EXPECT_EQ(count_substring(result.err, "Thrower.boom raised: task failed on purpose"), errors.size()) << result.err;
  EXPECT_EQ(details_of(events_in(result.out), "quit"),
            std::vector<std::string>{"1 " + std::to_string(LOCUSTPP_STATE_CLEANUP)});
}

TEST(Events, ThrowingListenerIsReportedAndTheRunGoesOn) {
  demo_target target;
  run_result result = record_run(target, "Visitor", "2", "1s", {"--throw-in", "test_start"});
  EXPECT_EQ(result.exit_code, 2) << result.err;
  EXPECT_TRUE(contains(result.err,
                       "Uncaught exception in event handler: test_start listener of module io.locustpp.tests.recording "
                       "failed: recording listener failed in test_start"))
      << result.err;
  auto events = events_in(result.out);
  EXPECT_GT(result.total_requests(), 0u) << "the users still ran";
  EXPECT_EQ(result.total_failures(), 0u);
  EXPECT_EQ(count_of(events, "spawning_complete"), 1u);
  EXPECT_EQ(count_of(events, "test_stop"), 1u);
  EXPECT_EQ(details_of(events, "quit"), std::vector<std::string>{"2 " + std::to_string(LOCUSTPP_STATE_CLEANUP)})
      << "the listener sees the real exit code";
}

TEST(Events, ThrowingRequestListenerStillLetsTheStatisticsCount) {
  demo_target target;
  run_result result = record_run(target, "Visitor", "2", "1s", {"--throw-in", "request"});
  EXPECT_EQ(result.exit_code, 2) << result.err;
  ASSERT_GT(result.total_requests(), 0u);
  EXPECT_EQ(result.total_failures(), 0u) << "a failing listener does not fail the request";
  EXPECT_EQ(count_of(events_in(result.out), "request"), result.total_requests());
  EXPECT_EQ(count_substring(result.err,
                            "request listener of module io.locustpp.tests.recording failed: recording "
                            "listener failed in request"),
            result.total_requests());
}

TEST(Events, BackgroundJobReadsLiveStatistics) {
  demo_target target;
  run_result result = record_run(target, "Visitor", "2", "2s");
  ASSERT_EQ(result.exit_code, 0) << result.err;
  std::vector<std::string> probes;
  for (const auto& line : lines_of(result.out)) {
    if (starts_with(line, "PROBE total requests=")) probes.push_back(line.substr(21));
  }
  ASSERT_EQ(probes.size(), 1u) << result.out;
  std::uint64_t seen = std::stoull(probes.front());
  EXPECT_GT(seen, 0u);
  EXPECT_LE(seen, result.total_requests());
}

TEST(Events, MeasuredAndFiredRequestsReachTheStatistics) {
  demo_target target;
  run_result result = record_run(target, "Measurer", "2", "1s");
  EXPECT_EQ(result.exit_code, 1) << "measured-failure fails: " << result.err;
  auto measured = result.of("CUSTOM", "measured");
  auto failed = result.of("CUSTOM", "measured-failure");
  auto fired = result.of("CUSTOM", "fired");
  EXPECT_GT(measured.requests, 0u);
  EXPECT_EQ(measured.failures, 0u);
  EXPECT_GT(failed.requests, 0u);
  EXPECT_EQ(failed.failures, failed.requests);
  EXPECT_GT(fired.requests, 0u);
  EXPECT_EQ(fired.failures, 0u);
  // The request listeners saw the same requests.
  auto requests = details_of(events_in(result.out), "request");
  auto seen = [&](const std::string& details) {
    return static_cast<std::uint64_t>(std::count(requests.begin(), requests.end(), details));
  };
  EXPECT_EQ(seen("CUSTOM measured ok"), measured.requests);
  EXPECT_EQ(seen("CUSTOM measured-failure fail custom failure"), failed.requests);
  EXPECT_EQ(seen("CUSTOM fired ok"), fired.requests);
  // fire_request's values land as given: 12.5 ms, 3 bytes each.
  for (const auto& entry : result.stats.GetArray()) {
    if (std::string(entry["name"].GetString()) != "fired") continue;
    EXPECT_DOUBLE_EQ(entry["min_response_time"].GetDouble(), 12.5);
    EXPECT_DOUBLE_EQ(entry["max_response_time"].GetDouble(), 12.5);
    EXPECT_EQ(entry["total_content_length"].GetUint64(), 3 * fired.requests);
  }
}

TEST(Events, UsageMonitorReportsResidentMemory) {
  demo_target target;
  std::vector<std::string> args{
      "Visitor", "-f",         test_plugin("recording"), "--headless", "-u", "1", "-r", "10", "-t", "3s",
      "-H",      target.url(), "--only-summary"};
  run_result result = run_locustpp(args, 30, {{"LOCUSTPP_USAGE_MONITOR_INTERVAL", "1"}});
  ASSERT_EQ(result.exit_code, 0) << result.err;
  auto samples = details_of(events_in(result.out), "usage_monitor");
  ASSERT_GE(samples.size(), 2u) << "one sample a second over 3 s";
  for (const auto& bytes : samples) EXPECT_GT(std::stoull(bytes), 1u << 20) << "resident memory in bytes";
}

TEST(LoadShape, StepsTheUserCountAndStopsTheTestByItself) {
  demo_target target;
  auto started = std::chrono::steady_clock::now();
  // -u 1 and -t 60s are ignored: the shape decides.
  run_result result = run_locustpp(
      {"-f", test_plugin("shapes"), "--headless", "-u", "1", "-t", "60s", "-H", target.url(), "--only-summary"}, 30);
  double wall_seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  ASSERT_TRUE(result.exit_code.has_value()) << "did not stop by itself";
  EXPECT_EQ(result.exit_code, 0) << result.err;
  EXPECT_LT(wall_seconds, 10.0);
  EXPECT_TRUE(contains(result.err, "Load shape 'two steps' ended the test")) << result.err;

  std::vector<std::string> spawned;
  std::vector<std::pair<double, std::uint64_t>> samples;  // (seconds since test start, users)
  for (const auto& line : lines_of(result.out)) {
    if (starts_with(line, "SPAWNED ")) spawned.push_back(line.substr(8));
    if (starts_with(line, "USERS ")) {
      std::istringstream fields(line.substr(6));
      double seconds = 0;
      std::uint64_t users = 0;
      fields >> seconds >> users;
      samples.emplace_back(seconds, users);
    }
  }
  EXPECT_EQ(spawned, (std::vector<std::string>{"2", "4"}));
  // The shape is ticked at about 0, 1, 2 and 3 s: 2 users, 2, 4, then stop.
  std::size_t at_two = 0, at_four = 0;
  for (const auto& [seconds, users] : samples) {
    EXPECT_LE(users, 4u) << "at " << seconds << " s";
    if (seconds >= 0.3 && seconds <= 1.7) {
      EXPECT_EQ(users, 2u) << "at " << seconds << " s";
      ++at_two;
    }
    if (seconds >= 2.4 && seconds <= 2.9) {
      EXPECT_EQ(users, 4u) << "at " << seconds << " s";
      ++at_four;
    }
  }
  EXPECT_GT(at_two, 0u) << result.out;
  EXPECT_GT(at_four, 0u) << result.out;
  EXPECT_GT(result.total_requests(), 0u);
}

// Ramping down retires users gracefully: each runs its on_stop; the count
// follows the shape down to 1.
TEST(LoadShape, RampingDownRetiresUsersThroughTheirOnStop) {
  demo_target target;
  run_result result = run_locustpp(
      {"-f", test_plugin("shapes"), "--shape", "down", "--headless", "-H", target.url(), "-s", "5", "--only-summary"},
      30);
  ASSERT_EQ(result.exit_code, 0) << result.err;
  EXPECT_EQ(result.of("GET", "started").requests, 4u);
  EXPECT_EQ(result.of("GET", "retired").requests, 4u) << "3 retired by the ramp-down, 1 at the end";
  std::size_t at_one = 0;
  for (const auto& line : lines_of(result.out)) {
    if (!starts_with(line, "USERS ")) continue;
    std::istringstream fields(line.substr(6));
    double seconds = 0;
    std::uint64_t users = 0;
    fields >> seconds >> users;
    if (seconds >= 0.5 && seconds <= 1.4) {
      EXPECT_EQ(users, 4u) << "at " << seconds << " s";
    }
    if (seconds >= 2.3 && seconds <= 2.9) {
      EXPECT_EQ(users, 1u) << "at " << seconds << " s";
      ++at_one;
    }
  }
  EXPECT_GT(at_one, 0u) << result.out;
}

}  // namespace
}  // namespace locustpp::testing
