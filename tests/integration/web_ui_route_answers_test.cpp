// A module's route that answers what HTTP cannot carry (a status past 999, a
// header over the limit, a header value with a line break) gets a 500 naming
// the module, and the run goes on: the test finishes, writes its CSV and
// exits as it would have. (Beast used to throw outside the handler's reach:
// the run ended with exit 1 and no outputs.)
#include <gtest/gtest.h>

#include <string>

#include "child_process.hpp"
#include "demo_target.hpp"
#include "http_exchange.hpp"
#include "locustpp_run.hpp"
#include "web_run.hpp"

namespace {

using namespace locustpp::testing;
using namespace std::chrono_literals;

TEST(WebUiRouteAnswers, AnAnswerHttpCannotCarryIsA500NamingTheModuleAndTheRunGoesOn) {
  demo_target target;
  auto dir = make_temp_dir("locustpp-route-answers");
  std::string csv = (dir / "run").string();
  web_run web(test_plugin("web_routes"), target.url(),
              {"--autostart", "-u", "2", "-r", "10", "-t", "3s", "--autoquit", "0", "--csv", csv});
  ASSERT_TRUE(eventually([&] { return view(web.port()).requests >= 10; }));

  const std::string module = "io.locustpp.tests.web_routes";
  http_reply status = http_exchange(web.port(), "GET", "/status-1000");
  EXPECT_EQ(status.status, 500);
  EXPECT_EQ(status.body, "The route of module " + module +
                             " answered what HTTP cannot carry: status 1000 (HTTP "
                             "carries 100 to 999)\n");
  http_reply huge = http_exchange(web.port(), "GET", "/huge-header");
  EXPECT_EQ(huge.status, 500);
  EXPECT_NE(huge.body.find(module), std::string::npos) << huge.body;
  EXPECT_NE(huge.body.find("header X-Huge: 71686 bytes (at most 16384)"), std::string::npos) << huge.body;
  EXPECT_EQ(huge.header("X-Huge"), "");
  http_reply split = http_exchange(web.port(), "GET", "/split-header");
  EXPECT_EQ(split.status, 500);
  EXPECT_NE(split.body.find("header X-Split: a value with CR, LF or NUL"), std::string::npos) << split.body;
  EXPECT_EQ(split.header("Set-Cookie"), "") << "nothing of the value reaches the answer";
  EXPECT_TRUE(web.process().wait_for_stderr(
      "web route GET /status-1000 (" + module + ") answered what HTTP cannot carry: status 1000", 5s));
  EXPECT_EQ(http_exchange(web.port(), "GET", "/hello").status, 200) << "the server keeps serving";

  EXPECT_EQ(web.process().wait(20s), 0) << "the test runs to its end\n" << web.process().stderr_text();
  EXPECT_GT(csv_aggregated_requests(csv), 10u) << "and writes its outputs";
}

}  // namespace
