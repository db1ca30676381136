// Tests for cli/parser.hpp: where values come from and which source wins.
// Order, lowest first: ~/.locust.conf < ./locust.conf < --config file
// < environment variables < command line — for built-ins and plugin arguments.
#include <gtest/gtest.h>
#include <stdlib.h>  // mkdtemp

#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "cli/config_error.hpp"
#include "cli/parser.hpp"

namespace locustpp::cli {
namespace {
namespace fs = std::filesystem;
using strings = std::vector<std::string>;

// A fresh directory tree per test: <root>/home is $HOME, <root>/work the
// working directory. Removed afterwards.
class PrecedenceTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::string pattern = (fs::temp_directory_path() / "lpp_cli_precedence_XXXXXX").string();
    ASSERT_NE(mkdtemp(pattern.data()), nullptr);
    root_ = pattern;
    fs::create_directories(home());
    fs::create_directories(work());
    env_.vars["HOME"] = home().string();
  }
  void TearDown() override { fs::remove_all(root_); }

  fs::path home() const { return root_ / "home"; }
  fs::path work() const { return root_ / "work"; }

  static void write(const fs::path& path, const std::string& text) { std::ofstream(path) << text; }

  run_options parse(const strings& args, const std::vector<plugin_argument>& plugins = {}) {
    return parse_options(args, env_, work(), plugins);
  }

  fs::path root_;
  environment_view env_;
};

plugin_argument plugin_arg(std::string name, std::string env_var = {}) {
  plugin_argument argument;
  argument.name = std::move(name);
  argument.env_var = std::move(env_var);
  argument.owner = "test-plugin";
  return argument;
}

TEST_F(PrecedenceTest, DefaultsWithoutAnySource) {
  const run_options options = parse({});
  EXPECT_TRUE(options.locustfiles.empty());
  EXPECT_EQ(options.users, 1);
  EXPECT_DOUBLE_EQ(options.spawn_rate, 1.0);
  EXPECT_FALSE(options.run_time);
  EXPECT_DOUBLE_EQ(options.stop_timeout, 0.0);
  EXPECT_FALSE(options.headless);
  EXPECT_EQ(options.threads, 0);
  EXPECT_EQ(options.loglevel, "INFO");
  EXPECT_EQ(options.exit_code_on_error, 1);
  EXPECT_DOUBLE_EQ(options.connect_timeout, 60.0);
  EXPECT_DOUBLE_EQ(options.network_timeout, 60.0);
  EXPECT_EQ(options.max_redirects, 30);
  EXPECT_FALSE(options.csv_prefix);
  EXPECT_TRUE(options.sources_used.empty());
}

TEST_F(PrecedenceTest, EveryBuiltInFromTheCommandLine) {
  const run_options options = parse({"-f",
                                     "a.so,b.so",
                                     "--locustfile",
                                     "c.so",
                                     "--plugin-dir",
                                     "plugins",
                                     "-H",
                                     "http://t",
                                     "-u",
                                     "7",
                                     "-r",
                                     "2.5",
                                     "-t",
                                     "1h30m",
                                     "-s",
                                     "10s",
                                     "--headless",
                                     "--autostart",
                                     "--threads",
                                     "3",
                                     "--csv",
                                     "out",
                                     "--csv-full-history",
                                     "--print-stats",
                                     "--only-summary",
                                     "--reset-stats",
                                     "--json",
                                     "--json-file",
                                     "stats",
                                     "--exit-code-on-error",
                                     "3",
                                     "-L",
                                     "debug",
                                     "--logfile",
                                     "x.log",
                                     "--connect-timeout",
                                     "5",
                                     "--network-timeout",
                                     "7.5",
                                     "--max-redirects",
                                     "0",
                                     "--insecure",
                                     "--ca-file",
                                     "ca.pem",
                                     "-l",
                                     "-T",
                                     "t1",
                                     "t2",
                                     "-E",
                                     "x1",
                                     "--",
                                     "UserA",
                                     "UserB"});
  EXPECT_EQ(options.locustfiles, (strings{"a.so", "b.so", "c.so"}));
  EXPECT_EQ(options.plugin_dirs, strings{"plugins"});
  EXPECT_EQ(options.host, "http://t");
  EXPECT_EQ(options.users, 7);
  EXPECT_DOUBLE_EQ(options.spawn_rate, 2.5);
  EXPECT_EQ(options.run_time, 5400.0);
  EXPECT_DOUBLE_EQ(options.stop_timeout, 10.0);
  EXPECT_TRUE(options.headless);
  EXPECT_TRUE(options.autostart);
  EXPECT_EQ(options.threads, 3);
  EXPECT_EQ(options.csv_prefix, "out");
  EXPECT_TRUE(options.csv_full_history);
  EXPECT_TRUE(options.print_stats);
  EXPECT_TRUE(options.only_summary);
  EXPECT_TRUE(options.reset_stats);
  EXPECT_TRUE(options.json);
  EXPECT_EQ(options.json_file, "stats");
  EXPECT_EQ(options.exit_code_on_error, 3);
  EXPECT_EQ(options.loglevel, "DEBUG");
  EXPECT_EQ(options.logfile, "x.log");
  EXPECT_DOUBLE_EQ(options.connect_timeout, 5.0);
  EXPECT_DOUBLE_EQ(options.network_timeout, 7.5);
  EXPECT_EQ(options.max_redirects, 0);
  EXPECT_TRUE(options.insecure);
  EXPECT_EQ(options.ca_file, "ca.pem");
  EXPECT_TRUE(options.list);
  EXPECT_EQ(options.tags, (strings{"t1", "t2"}));
  EXPECT_EQ(options.exclude_tags, strings{"x1"});
  EXPECT_EQ(options.user_classes, (strings{"UserA", "UserB"}));
}

TEST_F(PrecedenceTest, ConfigFileThenEnvironmentThenCommandLine) {
  write(work() / "locust.conf", "users = 5\nspawn-rate = 3\nhost = http://conf\nrun-time = 10s\n");
  env_.vars["LOCUST_SPAWN_RATE"] = "4";
  env_.vars["LOCUST_HOST"] = "http://env";
  const run_options options = parse({"--host", "http://cli"});
  EXPECT_EQ(options.users, 5);                // only in the file
  EXPECT_DOUBLE_EQ(options.spawn_rate, 4.0);  // env beats file
  EXPECT_EQ(options.host, "http://cli");      // command line beats env and file
  EXPECT_EQ(options.run_time, 10.0);
  EXPECT_EQ(options.sources_used, strings{(work() / "locust.conf").string()});
}

TEST_F(PrecedenceTest, HomeFileThenWorkingDirFileThenExplicitConfig) {
  write(home() / ".locust.conf", "users = 1\nspawn-rate = 1\nhost = http://home\nthreads = 9\n");
  write(work() / "locust.conf", "users = 2\nspawn-rate = 2\nhost = http://work\n");
  write(root_ / "extra.conf", "users = 3\n");
  const run_options options = parse({"--config", (root_ / "extra.conf").string()});
  EXPECT_EQ(options.threads, 9);           // only in ~/.locust.conf
  EXPECT_EQ(options.host, "http://work");  // ./locust.conf beats ~/.locust.conf
  EXPECT_DOUBLE_EQ(options.spawn_rate, 2.0);
  EXPECT_EQ(options.users, 3);  // --config beats both
  EXPECT_EQ(options.sources_used, (strings{(home() / ".locust.conf").string(), (work() / "locust.conf").string(),
                                           (root_ / "extra.conf").string()}));
}

// Locust's order: ~/.locust.conf < pyproject.toml < locust.conf < --config.
TEST_F(PrecedenceTest, PyprojectTomlSitsBetweenTheHomeFileAndLocustConf) {
  write(home() / ".locust.conf", "users = 1\nthreads = 9\nhost = http://home\n");
  write(work() / "pyproject.toml", "[tool.locust]\nusers = 5\nhost = \"http://toml\"\ntags = [\"a\", \"b\"]\n");
  write(work() / "locust.conf", "users = 2\n");
  const run_options options = parse({});
  EXPECT_EQ(options.threads, 9);
  EXPECT_EQ(options.host, "http://toml") << "pyproject.toml beats ~/.locust.conf";
  EXPECT_EQ(options.tags, (strings{"a", "b"}));
  EXPECT_EQ(options.users, 2) << "locust.conf beats pyproject.toml";
}

// Options Locust has and locustpp does not support yet are warnings, from
// every source, and never change what runs.
TEST_F(PrecedenceTest, LocustOnlyOptionsAreWarnedAboutAndIgnored) {
  write(work() / "locust.conf", "web-host-display-name = shop\nusers = 2\n");
  env_.vars["LOCUST_LEGACY_UI"] = "true";
  const run_options options = parse({"--build-path", "4", "--headful", "-u", "3"});
  EXPECT_EQ(options.users, 3) << "the value after --build-path is not taken for anything else";
  EXPECT_TRUE(options.user_classes.empty());
  ASSERT_EQ(options.warnings.size(), 4u);
  EXPECT_EQ(options.warnings[0], "--web-host-display-name (from config file '" + (work() / "locust.conf").string() +
                                     "', line 1) is a Locust option locustpp does not support yet: ignored");
  EXPECT_EQ(options.warnings[1],
            "--legacy-ui (from environment variable LOCUST_LEGACY_UI) is a Locust option locustpp does not support "
            "yet: ignored");
  EXPECT_EQ(options.warnings[2],
            "--build-path (from the command line) is a Locust option locustpp does not support yet: ignored");
}

// The distributed options come from every source, as Locust's do, and the
// combinations Locust refuses are refused with its words.
TEST_F(PrecedenceTest, DistributedOptionsAreReadAndCheckedLikeLocusts) {
  write(work() / "locust.conf", "expect-workers = 3\nmaster-bind-port = 6000\n");
  env_.vars["LOCUST_MODE_MASTER"] = "true";
  const run_options master = parse({"--expect-workers-max-wait", "20", "--enable-rebalancing"});
  EXPECT_TRUE(master.master);
  EXPECT_FALSE(master.worker);
  EXPECT_EQ(master.expect_workers, 3);
  EXPECT_EQ(master.expect_workers_max_wait, 20);
  EXPECT_EQ(master.master_bind_port, 6000);
  EXPECT_EQ(master.master_bind_host, "*");
  EXPECT_TRUE(master.enable_rebalancing);
  EXPECT_TRUE(master.warnings.empty());

  env_.vars.erase("LOCUST_MODE_MASTER");
  env_.vars["LOCUST_MODE_WORKER"] = "true";
  env_.vars["LOCUST_MASTER_NODE_HOST"] = "10.0.0.5";
  const run_options worker = parse({"--master-port", "6001"});
  EXPECT_TRUE(worker.worker);
  EXPECT_EQ(worker.master_host, "10.0.0.5");
  EXPECT_EQ(worker.master_port, 6001);

  EXPECT_THROW(parse({"--master"}), config_error) << "--master with LOCUST_MODE_WORKER";
  env_.vars.erase("LOCUST_MODE_WORKER");
  try {
    parse({"--master", "--processes", "2"});
    ADD_FAILURE() << "--master with --processes was accepted";
  } catch (const config_error& error) {
    EXPECT_NE(std::string(error.what()).find("--master cannot be combined with --processes"), std::string::npos);
  }
  EXPECT_THROW(parse({"--expect-workers", "0"}), config_error);
  EXPECT_THROW(parse({"--processes", "-2"}), config_error);
  EXPECT_EQ(parse({"--processes", "-1"}).processes, -1);
}

TEST_F(PrecedenceTest, EnvironmentBeatsEvenTheExplicitConfigFile) {
  write(work() / "extra.conf", "users = 3\n");
  env_.vars["LOCUST_USERS"] = "4";
  // A relative --config is found in the working directory.
  EXPECT_EQ(parse({"--config", "extra.conf"}).users, 4);
}

TEST_F(PrecedenceTest, SameFileReachedTwiceIsReadOnce) {
  write(home() / ".locust.conf", "users = 2\n");
  fs::create_symlink(home() / ".locust.conf", work() / "locust.conf");
  const run_options options = parse({});
  EXPECT_EQ(options.users, 2);
  EXPECT_EQ(options.sources_used, strings{(home() / ".locust.conf").string()});
}

TEST_F(PrecedenceTest, FlagsFromFileAndEnvironment) {
  write(work() / "locust.conf", "headless = yes\nautostart\nreset-stats = off\n");
  env_.vars["LOCUST_INSECURE"] = "1";
  env_.vars["LOCUST_PRINT_STATS"] = "false";
  const run_options options = parse({});
  EXPECT_TRUE(options.headless);
  EXPECT_TRUE(options.autostart);  // a bare key switches a flag on
  EXPECT_FALSE(options.reset_stats);
  EXPECT_TRUE(options.insecure);
  EXPECT_FALSE(options.print_stats);
}

TEST_F(PrecedenceTest, ListsFromFileAndEnvironment) {
  write(work() / "locust.conf", "locustfile = a.so, b.so\ntags = [t1, t2]\nexclude-tags = x1 x2\n");
  env_.vars["LOCUST_PLUGIN_DIR"] = "p1,p2";
  env_.vars["LOCUST_EXCLUDE_TAGS"] = "e1 e2,e3";
  const run_options options = parse({});
  EXPECT_EQ(options.locustfiles, (strings{"a.so", "b.so"}));
  EXPECT_EQ(options.tags, (strings{"t1", "t2"}));
  EXPECT_EQ(options.plugin_dirs, (strings{"p1", "p2"}));
  EXPECT_EQ(options.exclude_tags, (strings{"e1", "e2", "e3"}));  // env replaces the file's list
}

TEST_F(PrecedenceTest, CommandLineListReplacesFileListAndAccumulatesItself) {
  write(work() / "locust.conf", "locustfile = conf.so\ntags = c1\n");
  const run_options options = parse({"-f", "a.so", "-f", "b.so", "-T", "x", "-T", "y", "z"});
  EXPECT_EQ(options.locustfiles, (strings{"a.so", "b.so"}));
  EXPECT_EQ(options.tags, (strings{"x", "y", "z"}));
}

TEST_F(PrecedenceTest, LastScalarWinsWithinOneSource) {
  write(work() / "locust.conf", "users = 2\nusers = 6\n");
  EXPECT_EQ(parse({}).users, 6);
  EXPECT_EQ(parse({"-u", "1", "--users=8"}).users, 8);
}

TEST_F(PrecedenceTest, UserClassesFromPositionalsOrEnvironment) {
  env_.vars["LOCUST_USER_CLASSES"] = "EnvA EnvB";
  EXPECT_EQ(parse({}).user_classes, (strings{"EnvA", "EnvB"}));
  EXPECT_EQ(parse({"CliA"}).user_classes, strings{"CliA"});
}

TEST_F(PrecedenceTest, EmptyVariableDoesNotOverrideTheFile) {
  write(work() / "locust.conf", "host = http://conf\n");
  env_.vars["LOCUST_HOST"] = "";
  EXPECT_EQ(parse({}).host, "http://conf");
}

TEST_F(PrecedenceTest, PluginArgumentConfigThenEnvironmentThenCommandLine) {
  const std::vector<plugin_argument> plugins{plugin_arg("--region", "MY_REGION"), plugin_arg("--zone", "MY_ZONE"),
                                             plugin_arg("--rack", "MY_RACK")};
  write(work() / "locust.conf", "region = conf\nzone = conf\nrack = conf\n");
  env_.vars["MY_ZONE"] = "env";
  env_.vars["MY_RACK"] = "env";
  const run_options options = parse({"--rack", "cli"}, plugins);
  EXPECT_EQ(options.plugin_values.at("region"), strings{"conf"});
  EXPECT_EQ(options.plugin_values.at("zone"), strings{"env"});
  EXPECT_EQ(options.plugin_values.at("rack"), strings{"cli"});
}

TEST_F(PrecedenceTest, PluginArgumentHomeThenWorkingDirThenExplicitConfig) {
  const std::vector<plugin_argument> plugins{plugin_arg("--a"), plugin_arg("--b"), plugin_arg("--c")};
  write(home() / ".locust.conf", "a = home\nb = home\nc = home\n");
  write(work() / "locust.conf", "b = work\nc = work\n");
  write(work() / "more.conf", "c = explicit\n");
  const run_options options = parse({"--config=more.conf"}, plugins);
  EXPECT_EQ(options.plugin_values.at("a"), strings{"home"});
  EXPECT_EQ(options.plugin_values.at("b"), strings{"work"});
  EXPECT_EQ(options.plugin_values.at("c"), strings{"explicit"});
}

TEST_F(PrecedenceTest, PluginArgumentWithoutEnvVarIgnoresTheEnvironment) {
  env_.vars["LOCUST_REGION"] = "guessed";
  env_.vars["REGION"] = "guessed";
  const run_options options = parse({}, {plugin_arg("--region")});
  EXPECT_EQ(options.plugin_values.at("region"), strings{});
}

TEST_F(PrecedenceTest, PluginDefaultsAreFilledIn) {
  plugin_argument with_default = plugin_arg("--mode");
  with_default.default_value = "fast";
  plugin_argument flag = plugin_arg("--verbose-plugin");
  flag.type = argument_type::boolean;
  plugin_argument list = plugin_arg("--regions");
  list.type = argument_type::list;
  list.default_value = "eu, us";
  const run_options options = parse({}, {with_default, flag, list, plugin_arg("--unset")});
  EXPECT_EQ(options.plugin_values.at("mode"), strings{"fast"});
  EXPECT_EQ(options.plugin_values.at("verbose-plugin"), strings{"false"});
  EXPECT_EQ(options.plugin_values.at("regions"), (strings{"eu", "us"}));
  EXPECT_EQ(options.plugin_values.at("unset"), strings{});
}

TEST_F(PrecedenceTest, PluginTypedValuesFromEverySource) {
  plugin_argument flag = plugin_arg("--dry-run", "DRY_RUN");
  flag.type = argument_type::boolean;
  plugin_argument count = plugin_arg("--count");
  count.type = argument_type::integer;
  plugin_argument regions = plugin_arg("--regions", "REGIONS");
  regions.type = argument_type::list;
  plugin_argument envs = plugin_arg("--envs");
  envs.is_multiple = true;
  envs.choices = {"dev", "prod"};
  const std::vector<plugin_argument> plugins{flag, count, regions, envs};

  write(work() / "locust.conf", "dry-run = no\ncount = 12\nregions = [eu, us]\nenvs = dev, prod\n");
  run_options options = parse({}, plugins);
  EXPECT_EQ(options.plugin_values.at("dry-run"), strings{"false"});
  EXPECT_EQ(options.plugin_values.at("count"), strings{"12"});
  EXPECT_EQ(options.plugin_values.at("regions"), (strings{"eu", "us"}));
  EXPECT_EQ(options.plugin_values.at("envs"), (strings{"dev", "prod"}));

  env_.vars["DRY_RUN"] = "on";
  env_.vars["REGIONS"] = "ap";
  options = parse({"--count", "3", "--envs", "prod"}, plugins);
  EXPECT_EQ(options.plugin_values.at("dry-run"), strings{"true"});
  EXPECT_EQ(options.plugin_values.at("regions"), strings{"ap"});
  EXPECT_EQ(options.plugin_values.at("count"), strings{"3"});
  EXPECT_EQ(options.plugin_values.at("envs"), strings{"prod"});

  env_.vars.erase("DRY_RUN");
  options = parse({"--dry-run", "--regions", "x", "y,z"}, plugins);
  EXPECT_EQ(options.plugin_values.at("dry-run"), strings{"true"});
  EXPECT_EQ(options.plugin_values.at("regions"), (strings{"x", "y", "z"}));
}

}  // namespace
}  // namespace locustpp::cli
