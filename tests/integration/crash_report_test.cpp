// Plugin code that crashes the process: before it dies, the host says which
// module and which task (or registration) was running, async-signal-safely.
#include <gtest/gtest.h>

#include <signal.h>

#include <filesystem>

#include "child_process.hpp"
#include "demo_target.hpp"
#include "locustpp_run.hpp"

namespace locustpp::testing {
namespace {

TEST(CrashReport, ACrashInATaskNamesTheModuleAndTheTask) {
  demo_target target;
  run_result result = run_locustpp({"-f", test_plugin("crashing"), "Crasher", "--headless", "-u", "1", "-r", "10", "-t",
                                    "10s", "-H", target.url(), "--only-summary"});
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

// Every output file of a run that plugin code ended is whole or absent, never
// empty: files are written to a temporary and renamed, and the check before
// the test that they can be written leaves nothing behind.
void expect_no_empty_output(const std::filesystem::path& dir) {
  std::size_t files = 0;
  for (const auto& entry : std::filesystem::directory_iterator(dir)) {
    ++files;
    EXPECT_GT(std::filesystem::file_size(entry.path()), 0u) << entry.path() << " was left empty";
    EXPECT_NE(entry.path().extension(), ".tmp") << entry.path();
  }
  EXPECT_GE(files, 3u) << "the CSV files written during the run are kept";
  EXPECT_LE(files, 5u);
}

std::vector<std::string> ending_run(const std::string& user_class, const demo_target& target,
                                    const std::filesystem::path& dir) {
  return {"-f",
          test_plugin("crashing"),
          user_class,
          "--headless",
          "-u",
          "1",
          "-r",
          "10",
          "-t",
          "10s",
          "-H",
          target.url(),
          "--only-summary",
          "--csv",
          (dir / "out").string(),
          "--json-file",
          (dir / "out").string()};
}

TEST(CrashReport, ExitFromPluginCodeIsNamedLikeACrashAndLeavesNoEmptyFile) {
  demo_target target;
  auto dir = make_temp_dir("exit-from-plugin");
  run_result result = run_locustpp(ending_run("Exiter", target, dir));
  EXPECT_EQ(result.exit_code, 3) << result.err;
  EXPECT_NE(result.err.find("locustpp: exit() called by plugin code: module dev.locustpp.tests.crashing, "
                            "Exiter.leave (the run ends without its final outputs)"),
            std::string::npos)
      << result.err;
  expect_no_empty_output(dir);
}

TEST(CrashReport, AbortLeavesNoEmptyFile) {
  demo_target target;
  auto dir = make_temp_dir("abort-in-plugin");
  run_result result = run_locustpp(ending_run("Aborter", target, dir));
  EXPECT_EQ(result.exit_code, 128 + SIGABRT) << result.err;
  EXPECT_NE(result.err.find("locustpp: fatal signal SIGABRT in plugin code: module dev.locustpp.tests.crashing, "
                            "Aborter.give_up"),
            std::string::npos)
      << result.err;
  expect_no_empty_output(dir);
}

}  // namespace
}  // namespace locustpp::testing
