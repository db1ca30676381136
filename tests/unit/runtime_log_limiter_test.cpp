// Repeated log lines of many kinds: each kind has its own throttle, and the
// line written after an interval says how many of its kind were not.
#include <gtest/gtest.h>
#include <spdlog/sinks/ostream_sink.h>
#include <spdlog/spdlog.h>

#include <sstream>
#include <thread>

#include "runtime/log_limiter.hpp"

namespace {

using locustpp::runtime::log_limiter;

std::size_t count_of(const std::string& text, const std::string& part) {
  std::size_t count = 0;
  for (std::size_t at = text.find(part); at != std::string::npos; at = text.find(part, at + 1)) ++count;
  return count;
}

TEST(RuntimeLogLimiter, EachKindIsWrittenOncePerIntervalWithTheCountHeldBack) {
  std::ostringstream written;
  auto previous = spdlog::default_logger();
  spdlog::set_default_logger(
      std::make_shared<spdlog::logger>("test", std::make_shared<spdlog::sinks::ostream_sink_mt>(written)));
  log_limiter limiter(std::chrono::milliseconds(200));
  for (int i = 0; i < 1000; ++i) limiter.warn("garbled:a", "garbled from a");
  limiter.error("garbled:b", "garbled from b");
  std::this_thread::sleep_for(std::chrono::milliseconds(250));
  limiter.warn("garbled:a", "garbled from a");
  spdlog::set_default_logger(previous);
  std::string log = written.str();
  EXPECT_EQ(count_of(log, "garbled from a"), 2u) << log;
  EXPECT_EQ(count_of(log, "garbled from b"), 1u) << "another kind has its own";
  EXPECT_NE(log.find("garbled from a (999 more like it not logged)"), std::string::npos) << log;
}

}  // namespace
