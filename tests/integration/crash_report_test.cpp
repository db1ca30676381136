// Plugin code that crashes the process: before it dies, the host says which
// module and which task (or registration) was running, async-signal-safely.
#include <gtest/gtest.h>

#include <signal.h>

#include "demo_target.hpp"
#include "locustpp_run.hpp"

namespace locustpp::testing {
namespace {

TEST(CrashReport, ACrashInATaskNamesTheModuleAndTheTask) {
  demo_target target;
  run_result result = run_locustpp({"-f", test_plugin("crashing"), "--headless", "-u", "1", "-r", "10", "-t", "10s",
                                    "-H", target.url(), "--only-summary"});
  EXPECT_EQ(result.exit_code, 128 + SIGSEGV) << "the signal still ends the process\n" << result.err;
  EXPECT_NE(result.err.find("locustpp: fatal signal SIGSEGV in plugin code: module dev.locustpp.tests.crashing, "
                            "Crasher.crash"),
            std::string::npos)
      << result.err;
}

TEST(CrashReport, ACrashInRegistrationNamesTheModule) {
  run_result result = run_locustpp({"-f", test_plugin("crashing_registration"), "--list"});
  EXPECT_EQ(result.exit_code, 128 + SIGSEGV) << result.err;
  EXPECT_NE(result.err.find("locustpp: fatal signal SIGSEGV in plugin code: module "
                            "dev.locustpp.tests.crashing_registration, register_module() (from "),
            std::string::npos)
      << result.err;
}

}  // namespace
}  // namespace locustpp::testing
