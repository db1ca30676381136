// Locust's log layout: "[time] host/LEVEL/locustpp: message", the message one
// line with whatever a target or plugin put in it escaped.
#include <gtest/gtest.h>
#include <spdlog/logger.h>
#include <spdlog/sinks/ostream_sink.h>

#include <memory>
#include <regex>
#include <sstream>
#include <string>

#include "runtime/startup.hpp"

namespace {

std::string logged(spdlog::level::level_enum level, const std::string& message) {
  std::ostringstream lines;
  auto sink = std::make_shared<spdlog::sinks::ostream_sink_st>(lines);
  spdlog::logger logger("layout-test", sink);
  logger.set_formatter(locustpp::runtime::locust_log_layout());
  logger.log(level, "{} raised: {}", "User.task", message);
  return lines.str();
}

TEST(RuntimeLogLayout, LocustsLayout) {
  const std::string line = logged(spdlog::level::warn, "plain text");
  EXPECT_TRUE(std::regex_match(line, std::regex(R"(\[\d{4}-\d\d-\d\d \d\d:\d\d:\d\d,\d{3}\] [^/]+/WARNING/locustpp: )"
                                                R"(User\.task raised: plain text\n)")))
      << line;
}

TEST(RuntimeLogLayout, MessagesCannotReachTheTerminalOrForgeLines) {
  const std::string line = logged(spdlog::level::err,
                                  "\x1b[2J\x1b]0;title\x07 fake\r\n[2026-01-01 00:00:00,000] x/INFO/locustpp: forged"
                                  " \xC2\x9B\x7f \xFF");
  EXPECT_EQ(line.find('\x1b'), std::string::npos) << line;
  EXPECT_EQ(line.find('\x07'), std::string::npos);
  EXPECT_EQ(line.find('\r'), std::string::npos);
  EXPECT_EQ(line.find('\n'), line.size() - 1) << "one line: " << line;
  EXPECT_NE(line.find("/ERROR/locustpp: User.task raised: \\x1b[2J\\x1b]0;title\\x07 fake\\r\\n[2026-01-01 "
                      "00:00:00,000] x/INFO/locustpp: forged \\x9b\\x7f \xEF\xBF\xBD\n"),
            std::string::npos)
      << line;
}

}  // namespace
