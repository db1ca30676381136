// The real loader against real modules: must-reject modules are each
// refused with their own message while good modules beside them still run;
// a clang/libc++ module runs in the g++ host; twin modules with identical
// internal symbols stay apart.
#include <gtest/gtest.h>

#include <locustpp/locustpp.h>

#include <filesystem>
#include <fstream>

#include "child_process.hpp"
#include "demo_target.hpp"
#include "locustpp_run.hpp"
#include "test_paths.hpp"
#include "web_run.hpp"

namespace locustpp::testing {
namespace {

std::vector<std::string> run_with(const demo_target& target, std::vector<std::string> modules) {
  std::vector<std::string> args;
  for (const auto& module : modules) {
    args.push_back("-f");
    args.push_back(test_plugin(module));
  }
  std::vector<std::string> rest{"--headless", "-u", "2", "-r", "100", "-t", "1s", "-H", target.url(), "--only-summary"};
  args.insert(args.end(), rest.begin(), rest.end());
  return args;
}

class ModuleLoading : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    target_ = new demo_target();
    result_ = new run_result(run_locustpp(run_with(
        *target_, {"good", "wrong_major", "missing_entry", "oversized", "duplicate_id", "throwing_registration"})));
  }
  static void TearDownTestSuite() {
    delete result_;
    delete target_;
  }
  static demo_target* target_;
  static run_result* result_;
};
demo_target* ModuleLoading::target_ = nullptr;
run_result* ModuleLoading::result_ = nullptr;

TEST_F(ModuleLoading, GoodModuleStillRuns) {
  EXPECT_GT(result_->of("GET", "/good").requests, 0u) << result_->err;
}

TEST_F(ModuleLoading, RefusedModulesMakeTheExitCodeTwo) {
  EXPECT_EQ(result_->exit_code, 2) << result_->err;
}

TEST_F(ModuleLoading, WrongMajorIsRefusedNamingBothVersions) {
  std::string expected = "wrong_major.so: ABI major version mismatch: module has ABI 99.0, this host has ABI 1." +
                         std::to_string(LOCUSTPP_ABI_MINOR);
  EXPECT_NE(result_->err.find(expected), std::string::npos) << result_->err;
}

TEST_F(ModuleLoading, MissingEntryIsRefused) {
  EXPECT_NE(result_->err.find("missing_entry.so: entry symbol missing: no 'locustpp_module_entry' function"),
            std::string::npos)
      << result_->err;
}

TEST_F(ModuleLoading, OversizedStructIsRefusedNamingBothSizes) {
  std::string expected = "oversized.so: struct size not supported: module descriptor is " +
                         std::to_string(sizeof(locustpp_module_descriptor) + 64) + " bytes, larger than the " +
                         std::to_string(sizeof(locustpp_module_descriptor)) +
                         " bytes this host knows, and sets fields this host does not know";
  EXPECT_NE(result_->err.find(expected), std::string::npos) << result_->err;
}

TEST_F(ModuleLoading, DuplicateIdIsRefusedNamingTheFirstFile) {
  EXPECT_NE(
      result_->err.find("duplicate_id.so: duplicate module id: 'io.locustpp.tests.abi.good' is already loaded from"),
      std::string::npos)
      << result_->err;
}

TEST_F(ModuleLoading, ThrowingRegistrationIsRefusedWithItsMessage) {
  EXPECT_NE(result_->err.find("throwing_registration.so: registration failed: registration exploded"),
            std::string::npos)
      << result_->err;
  EXPECT_EQ(result_->of("GET", "/never").requests, 0u) << "nothing of a refused module runs";
}

// A module refused after it registered a message handler, a tab, a download
// and a login offer leaves none of them behind: the message of its type
// finds no handler (it did crash the host), the page shows neither tab nor
// link, and --web-login has no offer to use.
TEST(ModuleRollback, ARefusedModuleLeavesNoHandlerTabOrLoginBehind) {
  demo_target target;
  run_result run = run_locustpp(run_with(target, {"leftover_sender", "refused_after_extensions"}));
  EXPECT_EQ(run.exit_code, 2) << run.err;
  EXPECT_NE(run.err.find("refused_after_extensions.so: registration failed: registration exploded after extensions"),
            std::string::npos)
      << run.err;
  EXPECT_NE(run.err.find("No handler for message type 'leftover'"), std::string::npos) << run.err;
  EXPECT_EQ(run.out.find("leftover handler ran"), std::string::npos);
  EXPECT_GT(run.of("GET", "/sender").requests, 0u) << "the good module still runs";

  web_run page(test_plugin("leftover_sender"), target.url(), {"-f", test_plugin("refused_after_extensions")});
  std::string html = http_exchange(page.port(), "GET", "/").body;
  EXPECT_NE(html.find("\"extended_tabs\":[]"), std::string::npos) << html;
  EXPECT_NE(html.find("\"extended_csv_files\":[]"), std::string::npos) << html;
  EXPECT_EQ(html.find("Leftover"), std::string::npos) << html;

  child_process login({std::string(bin_dir) + "/locustpp", "-f", test_plugin("leftover_sender"), "-f",
                       test_plugin("refused_after_extensions"), "--web-login", "-P", "0"});
  EXPECT_EQ(login.wait(std::chrono::seconds(20)), 1) << login.stderr_text();
  EXPECT_NE(login.stderr_text().find("--web-login: no module offers a login page"), std::string::npos)
      << login.stderr_text();
}

// A damaged module file is refused before the dynamic loader touches it:
// a truncated copy of a good plugin crashed dlopen with SIGBUS.
TEST(ModuleFiles, TruncatedOrNonElfModulesAreRefusedNotCrashedOn) {
  auto dir = make_temp_dir("locustpp-damaged");
  auto truncated = dir / "truncated.so";
  std::filesystem::copy_file(test_plugin("good"), truncated);
  std::filesystem::resize_file(truncated, std::filesystem::file_size(truncated) * 6 / 10);
  auto text = dir / "notes.so";
  std::ofstream(text) << "not a shared object\n";
  run_result result =
      run_locustpp({"-f", truncated.string(), "-f", text.string(), "-f", test_plugin("twin_a"), "--list"});
  EXPECT_EQ(result.exit_code, 2) << result.err;
  EXPECT_NE(result.err.find("truncated.so: not a loadable module: truncated or corrupt: the file has"),
            std::string::npos)
      << result.err;
  EXPECT_NE(result.err.find("notes.so: not a loadable module: not a shared object (no ELF header)"), std::string::npos)
      << result.err;
  EXPECT_NE(result.out.find("io.locustpp.tests.abi.twin_a"), std::string::npos) << "the good module is still listed";
}

// The same file named twice is loaded once, with a warning, and is no error.
TEST(ModuleFiles, TheSameFileTwiceIsLoadedOnce) {
  demo_target target;
  auto dir = make_temp_dir("locustpp-twice");
  std::filesystem::create_symlink(test_plugin("good"), dir / "link.so");
  std::vector<std::string> args{"-f",         test_plugin("good"),
                                "-f",         (dir / "link.so").string(),
                                "--headless", "-u",
                                "1",          "-r",
                                "10",         "-t",
                                "1s",         "-H",
                                target.url(), "--only-summary"};
  run_result twice = run_locustpp(args);
  run_result once = run_locustpp(run_with(target, {"good"}));
  ASSERT_TRUE(once.exit_code.has_value());
  EXPECT_EQ(twice.exit_code, once.exit_code) << "a repeated file changes nothing\n" << twice.err;
  EXPECT_EQ(twice.err.find("duplicate module id"), std::string::npos) << twice.err;
  EXPECT_NE(twice.err.find("link.so is given more than once (also as " + test_plugin("good") + "): loaded once"),
            std::string::npos)
      << twice.err;
  EXPECT_GT(twice.of("GET", "/good").requests, 0u);
}

// The same module built by every supported toolchain behaves the same: its
// own exceptions are caught by its own handlers (never "unknown exception"),
// task control works, an uncaught exception is reported with its message,
// and the host exits cleanly.
class EveryToolchain : public ::testing::TestWithParam<std::string> {};

TEST_P(EveryToolchain, ExceptionsAndTaskControlWorkAndTheHostExitsCleanly) {
  demo_target target;
  std::string toolchain = GetParam();
  std::vector<std::string> base{"-f",         test_plugin("toolchain_" + toolchain),
                                "--headless", "-u",
                                "3",          "-r",
                                "100",        "-t",
                                "1s",         "-H",
                                target.url(), "--only-summary"};
  auto run_class = [&](const std::string& name) {
    std::vector<std::string> args = base;
    args.push_back(name);
    return run_locustpp(args);
  };
  run_result behaves = run_class("Behaves");
  EXPECT_EQ(behaves.exit_code, 0) << behaves.err;
  EXPECT_GT(behaves.of("STEP", "caught: runtime error from " + toolchain).requests, 0u) << behaves.err;
  EXPECT_GT(behaves.of("STEP", "caught: custom error").requests, 0u);
  EXPECT_GT(behaves.of("GET", "after-catch").requests, 0u);
  EXPECT_GT(behaves.of("STEP", "in-set").requests, 0u) << "the nested set ran and interrupt() left it";
  EXPECT_GT(behaves.of("STEP", "rescheduled").requests, 0u);
  EXPECT_EQ(behaves.of("STEP", "stop-user").requests, behaves.of("STEP", "on-stop").requests - 0)
      << "every StopUser ran on_stop (users still running at the end ran it too)";
  EXPECT_EQ(behaves.err.find("unknown exception"), std::string::npos) << behaves.err;
  EXPECT_EQ(behaves.total_failures(), 0u);

  run_result throws = run_class("Throws");
  EXPECT_EQ(throws.exit_code, 1) << "an uncaught exception in a task counts as an error\n" << throws.err;
  EXPECT_NE(throws.err.find("Throws.boom raised: runtime error from " + toolchain), std::string::npos) << throws.err;
  EXPECT_EQ(throws.err.find("unknown exception"), std::string::npos) << throws.err;
}

INSTANTIATE_TEST_SUITE_P(ModuleAbi, EveryToolchain, ::testing::Values("gcc", "clang_libstdcxx", "clang_libcxx"));

// A module compiled against the frozen ABI 1.0 headers runs in this host:
// smaller structs, a shorter host table, its log lines tagged with its id.
TEST(ModuleAbi, AModuleBuiltForAbi10Runs) {
  demo_target target;
  run_result result = run_locustpp({"-f", test_plugin("abi_1_0_module"), "--headless", "-u", "2", "-r", "100", "-t",
                                    "1s", "-H", target.url(), "--only-summary"});
  EXPECT_EQ(result.exit_code, 0) << result.err;
  EXPECT_GT(result.of("GET", "abi-1-0").requests, 0u) << result.err;
  EXPECT_NE(result.err.find("dev.locustpp.tests.abi_1_0: greeting: hello from 1.0"), std::string::npos) << result.err;
  run_result help = run_locustpp({"-f", test_plugin("abi_1_0_module"), "--help"});
  EXPECT_NE(help.out.find("--abi-1-0-greeting"), std::string::npos) << help.out;
}

// A module built for a newer minor: larger structs (fields unknown here left
// zero), an array of them walked with the module's own element size, and an
// extension this host lacks: it runs without the feature, it is not refused.
TEST(ModuleAbi, AModuleBuiltForANewerMinorRunsWithoutWhatIsMissing) {
  demo_target target;
  run_result result = run_locustpp({"-f", test_plugin("future_minor"), "--headless", "-u", "2", "-r", "100", "-t", "1s",
                                    "-H", target.url(), "--only-summary"});
  EXPECT_EQ(result.exit_code, 0) << result.err;
  EXPECT_GT(result.of("GET", "future-minor").requests, 0u) << result.err;
  EXPECT_NE(result.err.find("dev.locustpp.tests.future_minor: extension locustpp.future-feature.v1 is not available"),
            std::string::npos)
      << result.err;
  run_result listed = run_locustpp({"-f", test_plugin("future_minor"), "--list"});
  EXPECT_NE(listed.out.find("- get-again (weight 1, 50%)"), std::string::npos)
      << "the second task, found with the module's element size\n"
      << listed.out;
}

// A run handle reported again after its run ended does not end a later run.
TEST(ModuleAbi, AStaleRunHandleCannotEndALaterRun) {
  demo_target target;
  run_result result = run_locustpp({"-f", test_plugin("stale_run_handle"), "--headless", "-u", "2", "-r", "100", "-t",
                                    "1s", "-H", target.url(), "--only-summary"});
  EXPECT_EQ(result.exit_code, 0) << result.err;
  EXPECT_GT(result.of("RUN", "stale-probe").requests, 20u) << "the users kept running\n" << result.err;
  EXPECT_NE(result.err.find("run_finished() with the handle of a run that already ended"), std::string::npos)
      << result.err;
}

// Two modules may not declare the same user class: the second is refused,
// naming the module that has it; the first still runs.
TEST(ModuleAbi, DuplicateClassesNameTheModuleThatHasThem) {
  demo_target target;
  run_result result = run_locustpp({"-f", test_plugin("good"), "-f", test_plugin("copycat"), "--headless", "-u", "2",
                                    "-r", "100", "-t", "1s", "-H", target.url(), "--only-summary"});
  EXPECT_EQ(result.exit_code, 2) << result.err;
  EXPECT_NE(result.err.find("copycat.so: registration failed"), std::string::npos) << result.err;
  EXPECT_NE(result.err.find("user class 'Good': a class of that name is already declared by module "
                            "io.locustpp.tests.abi.good ("),
            std::string::npos)
      << result.err;
  EXPECT_GT(result.of("GET", "/good").requests, 0u);
  EXPECT_EQ(result.of("GET", "/copy").requests, 0u);
}

// Two modules declaring one argument cannot share a command line: the
// process ends before any test (as Locust's argparse does), naming both.
TEST(ModuleAbi, TwoModulesDeclaringOneArgumentEndBeforeTheTest) {
  demo_target target;
  run_result result =
      run_locustpp({"-f", test_plugin("abi_1_0_module"), "-f", test_plugin("argument_copycat"), "--headless", "-u", "2",
                    "-r", "100", "-t", "5s", "-H", target.url(), "--only-summary"});
  EXPECT_EQ(result.exit_code, 1) << result.err;
  EXPECT_NE(result.err.find("locustpp: error: two modules declare the same argument: argument '--abi-1-0-greeting' of "
                            "module io.locustpp.tests.abi.argument_copycat ("),
            std::string::npos)
      << result.err;
  EXPECT_NE(result.err.find("already declared by module dev.locustpp.tests.abi_1_0 ("), std::string::npos)
      << result.err;
  EXPECT_EQ(result.err.find("Starting Locust"), std::string::npos) << "no test starts";
  EXPECT_EQ(served_requests(target, "/copy") + served_requests(target, "/status/200"), 0u);
}

TEST(ModuleAbi, TwinModulesWithTheSameSymbolsDoNotCollide) {
  demo_target target;
  run_result result = run_locustpp(run_with(target, {"twin_a", "twin_b"}));
  EXPECT_GT(result.of("GET", "/twin-a").requests, 0u) << result.err;
  EXPECT_GT(result.of("GET", "/twin-b").requests, 0u) << result.err;
}

}  // namespace
}  // namespace locustpp::testing
