// The real loader against real modules: must-reject modules are each
// refused with their own message while good modules beside them still run;
// a clang/libc++ module runs in the g++ host; twin modules with identical
// internal symbols stay apart.
#include <gtest/gtest.h>

#include <locustpp/locustpp.h>

#include "demo_target.hpp"
#include "locustpp_run.hpp"

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

TEST_F(ModuleLoading, RefusedModulesMakeTheExitCodeTwo) { EXPECT_EQ(result_->exit_code, 2) << result_->err; }

TEST_F(ModuleLoading, WrongMajorIsRefusedNamingBothVersions) {
  EXPECT_NE(result_->err.find("wrong_major.so: ABI major version mismatch: module has ABI 99.0, this host has ABI 1.0"),
            std::string::npos)
      << result_->err;
}

TEST_F(ModuleLoading, MissingEntryIsRefused) {
  EXPECT_NE(result_->err.find("missing_entry.so: entry symbol missing: no 'locustpp_module_entry' function"),
            std::string::npos)
      << result_->err;
}

TEST_F(ModuleLoading, OversizedStructIsRefusedNamingBothSizes) {
  std::string expected = "oversized.so: struct size not supported: module descriptor is " +
                         std::to_string(sizeof(locustpp_module_descriptor) + 64) + " bytes, larger than the " +
                         std::to_string(sizeof(locustpp_module_descriptor)) + " bytes this host knows";
  EXPECT_NE(result_->err.find(expected), std::string::npos) << result_->err;
}

TEST_F(ModuleLoading, DuplicateIdIsRefusedNamingTheFirstFile) {
  EXPECT_NE(result_->err.find("duplicate_id.so: duplicate module id: 'io.locustpp.tests.abi.good' is already loaded from"),
            std::string::npos)
      << result_->err;
}

TEST_F(ModuleLoading, ThrowingRegistrationIsRefusedWithItsMessage) {
  EXPECT_NE(result_->err.find("throwing_registration.so: registration failed: registration exploded"), std::string::npos)
      << result_->err;
  EXPECT_EQ(result_->of("GET", "/never").requests, 0u) << "nothing of a refused module runs";
}

TEST(ModuleAbi, ClangLibcxxModuleRunsInTheGccHost) {
  demo_target target;
  run_result result = run_locustpp(run_with(target, {"libcxx_user"}));
  EXPECT_EQ(result.exit_code, 0) << result.err;
  EXPECT_GT(result.of("GET", "/").requests, 0u);
  EXPECT_EQ(result.total_failures(), 0u);
}

TEST(ModuleAbi, TwinModulesWithTheSameSymbolsDoNotCollide) {
  demo_target target;
  run_result result = run_locustpp(run_with(target, {"twin_a", "twin_b"}));
  EXPECT_GT(result.of("GET", "/twin-a").requests, 0u) << result.err;
  EXPECT_GT(result.of("GET", "/twin-b").requests, 0u) << result.err;
}

}  // namespace
}  // namespace locustpp::testing
