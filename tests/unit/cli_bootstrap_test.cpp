// Tests for parse_bootstrap() (cli/parser.hpp): phase 1 reads only what is
// needed to load plugins and lets everything else through unchecked.
#include <gtest/gtest.h>
#include <stdlib.h>  // mkdtemp, setenv

#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "cli/parser.hpp"

namespace locustpp::cli {
namespace {
namespace fs = std::filesystem;
using strings = std::vector<std::string>;

class BootstrapTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::string pattern = (fs::temp_directory_path() / "lpp_cli_bootstrap_XXXXXX").string();
    ASSERT_NE(mkdtemp(pattern.data()), nullptr);
    root_ = pattern;
    fs::create_directories(root_ / "home");
    fs::create_directories(root_ / "work");
    env_.vars["HOME"] = (root_ / "home").string();
  }
  void TearDown() override { fs::remove_all(root_); }

  void write(const fs::path& relative, const std::string& text) {
    std::ofstream(root_ / relative) << text;
  }

  bootstrap_options bootstrap(const strings& args) {
    return parse_bootstrap(args, env_, root_ / "work");
  }

  fs::path root_;
  environment_view env_;
};

TEST_F(BootstrapTest, NothingGiven) {
  const bootstrap_options options = bootstrap({});
  EXPECT_TRUE(options.locustfiles.empty());
  EXPECT_TRUE(options.plugin_dirs.empty());
  EXPECT_FALSE(options.config_file);
  EXPECT_FALSE(options.help);
  EXPECT_FALSE(options.version);
}

TEST_F(BootstrapTest, LocustfilesAndPluginDirsFromTheCommandLine) {
  const bootstrap_options options = bootstrap(
      {"-f", "a.so,b.so", "--locustfile=c.so", "--plugin-dir", "p1", "--plugin-dir", "p2"});
  EXPECT_EQ(options.locustfiles, (strings{"a.so", "b.so", "c.so"}));
  EXPECT_EQ(options.plugin_dirs, (strings{"p1", "p2"}));
}

TEST_F(BootstrapTest, UnknownOptionsAndTheirValuesAreSkipped) {
  const bootstrap_options options =
      bootstrap({"--my-plugin-arg", "value", "-f", "a.so", "--other-flag", "--x=y", "-T", "t1",
                 "t2", "--plugin-dir", "p", "UserA"});
  EXPECT_EQ(options.locustfiles, strings{"a.so"});
  EXPECT_EQ(options.plugin_dirs, strings{"p"});
}

TEST_F(BootstrapTest, OtherOptionsAreNotValidatedYet) {
  const bootstrap_options options =
      bootstrap({"-u", "not-a-number", "-t", "3x", "--csv-full-history", "-f", "a.so"});
  EXPECT_EQ(options.locustfiles, strings{"a.so"});
}

TEST_F(BootstrapTest, SamePrecedenceAsPhaseTwo) {
  write("home/.locust.conf", "locustfile = home.so\nplugin-dir = home-plugins\n");
  write("work/locust.conf", "locustfile = work.so\n");
  bootstrap_options options = bootstrap({});
  EXPECT_EQ(options.locustfiles, strings{"work.so"});
  EXPECT_EQ(options.plugin_dirs, strings{"home-plugins"});

  write("extra.conf", "locustfile = extra1.so, extra2.so\n");
  options = bootstrap({"--config", (root_ / "extra.conf").string()});
  EXPECT_EQ(options.locustfiles, (strings{"extra1.so", "extra2.so"}));
  EXPECT_EQ(options.config_file, (root_ / "extra.conf").string());

  env_.vars["LOCUST_LOCUSTFILE"] = "env.so";
  env_.vars["LOCUST_PLUGIN_DIR"] = "e1,e2";
  options = bootstrap({"--config", (root_ / "extra.conf").string()});
  EXPECT_EQ(options.locustfiles, strings{"env.so"});
  EXPECT_EQ(options.plugin_dirs, (strings{"e1", "e2"}));

  options = bootstrap({"-f", "cli.so"});
  EXPECT_EQ(options.locustfiles, strings{"cli.so"});
}

TEST_F(BootstrapTest, UnknownConfigKeysAreSkipped) {
  write("work/locust.conf", "my-plugin-setting = 3\nlocustfile = a.so\nuser = 5\n");
  EXPECT_EQ(bootstrap({}).locustfiles, strings{"a.so"});
}

TEST_F(BootstrapTest, MissingExplicitConfigFileIsAnError) {
  EXPECT_THROW(bootstrap({"--config", "missing.conf"}), config_error);
}

TEST_F(BootstrapTest, HelpAndVersion) {
  EXPECT_TRUE(bootstrap({"--help"}).help);
  EXPECT_TRUE(bootstrap({"-h", "--unknown"}).help);
  EXPECT_TRUE(bootstrap({"-V"}).version);
  EXPECT_TRUE(bootstrap({"--version"}).version);
}

TEST_F(BootstrapTest, SyntaxErrorsOfKnownOptionsAreReported) {
  EXPECT_THROW(bootstrap({"-f"}), config_error);
}

TEST(EnvironmentView, SnapshotsTheProcessEnvironment) {
  ASSERT_EQ(setenv("LPP_CLI_BOOTSTRAP_TEST", "a=b", 1), 0);
  const environment_view env = environment_view::from_process();
  EXPECT_EQ(lookup_variable(env, "LPP_CLI_BOOTSTRAP_TEST"), "a=b");
  EXPECT_EQ(lookup_variable(env, "LPP_CLI_SURELY_UNSET_VARIABLE"), std::nullopt);
  unsetenv("LPP_CLI_BOOTSTRAP_TEST");
}

}  // namespace
}  // namespace locustpp::cli
