// Tests for cli/parser.hpp: every way parse_options() rejects its input, and
// the wording of those errors — including that secrets are never echoed.
#include <gtest/gtest.h>
#include <stdlib.h>  // mkdtemp

#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "cli/parser.hpp"

namespace locustpp::cli {
namespace {
namespace fs = std::filesystem;
using strings = std::vector<std::string>;

class ValidationTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::string pattern = (fs::temp_directory_path() / "lpp_cli_validation_XXXXXX").string();
    ASSERT_NE(mkdtemp(pattern.data()), nullptr);
    work_ = pattern;
    env_.vars["HOME"] = (work_ / "no-such-home").string();
  }
  void TearDown() override { fs::remove_all(work_); }

  void write_conf(const std::string& text) { std::ofstream(work_ / "locust.conf") << text; }

  // The message parse_options() throws; fails the test when it does not throw.
  std::string error_of(const strings& args, const std::vector<plugin_argument>& plugins = {}) {
    try {
      parse_options(args, env_, work_, plugins);
    } catch (const config_error& error) {
      return error.what();
    }
    ADD_FAILURE() << "no config_error was thrown";
    return {};
  }

  run_options parse(const strings& args, const std::vector<plugin_argument>& plugins = {}) {
    return parse_options(args, env_, work_, plugins);
  }

  fs::path work_;
  environment_view env_;
};

plugin_argument plugin_arg(std::string name) {
  plugin_argument argument;
  argument.name = std::move(name);
  argument.owner = "test-plugin";
  return argument;
}

plugin_argument secret_int(std::string name) {
  plugin_argument argument = plugin_arg(std::move(name));
  argument.type = argument_type::integer;
  argument.is_secret = true;
  return argument;
}

bool contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

// --- unknown options ---------------------------------------------------------

TEST_F(ValidationTest, UnknownOptionSuggestsTheClosestName) {
  EXPECT_EQ(error_of({"--user", "5"}), "unrecognized option '--user'. Did you mean '--users'?");
  EXPECT_EQ(error_of({"--hedless"}), "unrecognized option '--hedless'. Did you mean '--headless'?");
}

TEST_F(ValidationTest, UnknownOptionSuggestsPluginArguments) {
  EXPECT_EQ(error_of({"--my-argumnt", "x"}, {plugin_arg("--my-argument")}),
            "unrecognized option '--my-argumnt'. Did you mean '--my-argument'?");
}

TEST_F(ValidationTest, UnknownOptionWithoutCloseMatchHasNoHint) {
  EXPECT_EQ(error_of({"--xyzzy-plugh"}), "unrecognized option '--xyzzy-plugh'");
  EXPECT_EQ(error_of({"-x"}), "unrecognized option '-x'");
}

TEST_F(ValidationTest, NoPrefixGuessing) {
  // Boost would happily read "--spawn" as "--spawn-rate"; we do not.
  EXPECT_TRUE(contains(error_of({"--spawn", "3"}), "unrecognized option '--spawn'"));
}

TEST_F(ValidationTest, UnknownOptionMessageDropsTheValue) {
  const std::string message = error_of({"--pasword=hunter2"}, {secret_int("--password")});
  EXPECT_EQ(message, "unrecognized option '--pasword'. Did you mean '--password'?");
}

TEST_F(ValidationTest, UnknownConfigKeyNamesFileLineKeyAndSuggestion) {
  write_conf("# settings\nheadless = true\nuser = 5\n");
  const std::string message = error_of({});
  EXPECT_TRUE(contains(message, (work_ / "locust.conf").string())) << message;
  EXPECT_TRUE(contains(message, "line 3")) << message;
  EXPECT_TRUE(contains(message, "unknown option 'user'")) << message;
  EXPECT_TRUE(contains(message, "Did you mean 'users'?")) << message;
}

TEST_F(ValidationTest, UnknownConfigKeyInExplicitConfigFile) {
  std::ofstream(work_ / "extra.conf") << "regoin = eu\n";
  const std::string message = error_of({"--config", "extra.conf"}, {plugin_arg("--region")});
  EXPECT_TRUE(contains(message, "extra.conf")) << message;
  EXPECT_TRUE(contains(message, "line 1")) << message;
  EXPECT_TRUE(contains(message, "Did you mean 'region'?")) << message;
}

TEST_F(ValidationTest, ConfigFileCannotSetHelpOrConfig) {
  write_conf("help = true\n");
  EXPECT_TRUE(contains(error_of({}), "'help' cannot be set in a config file"));
  write_conf("config = other.conf\n");
  EXPECT_TRUE(contains(error_of({}), "'config' cannot be set in a config file"));
}

TEST_F(ValidationTest, MissingExplicitConfigFile) {
  EXPECT_EQ(error_of({"--config", "/nonexistent/my.conf"}), "config file '/nonexistent/my.conf' not found");
}

// --- command-line syntax -------------------------------------------------------

TEST_F(ValidationTest, MissingValueAndValueForAFlag) {
  EXPECT_EQ(error_of({"--users"}), "option '--users' needs a value");
  EXPECT_EQ(error_of({"-u"}), "option '--users' needs a value");
  EXPECT_EQ(error_of({"--headless=yes"}), "option '--headless' does not take a value");
}

// --- numbers -------------------------------------------------------------------

TEST_F(ValidationTest, BadNumbersNameTheOptionAndTheValue) {
  EXPECT_EQ(error_of({"-u", "abc"}), "invalid value for --users: 'abc' (expected an integer >= 0)");
  EXPECT_EQ(error_of({"-u", "-1"}), "invalid value for --users: '-1' (expected an integer >= 0)");
  EXPECT_EQ(error_of({"-u", "99999999999"}), "invalid value for --users: '99999999999' (expected an integer >= 0)");
  EXPECT_EQ(error_of({"-r", "0"}), "invalid value for --spawn-rate: '0' (expected a number > 0)");
  EXPECT_EQ(error_of({"-r", "fast"}), "invalid value for --spawn-rate: 'fast' (expected a number > 0)");
  EXPECT_EQ(error_of({"--threads", "-2"}),
            "invalid value for --threads: '-2' (expected an integer from 0 to 1024, 0 for one per CPU core)");
  EXPECT_EQ(error_of({"--threads", "100000"}),
            "invalid value for --threads: '100000' (expected an integer from 0 to 1024, 0 for one per CPU core)");
  EXPECT_EQ(error_of({"-u", "1000001"}),
            "-u 1000001 is more users than one process runs (at most 1000000; --max-users-per-process sets it)");
  EXPECT_EQ(parse({"-u", "1000001", "--max-users-per-process", "2000000"}).users, 1000001) << "the option raises it";
  EXPECT_EQ(parse({"-u", "1000001", "--master"}).users, 1000001) << "a master's users run on its workers";
  EXPECT_EQ(error_of({"--exit-code-on-error", "300"}),
            "invalid value for --exit-code-on-error: '300' (expected an integer from 0 to 255)");
  EXPECT_EQ(error_of({"--max-redirects", "1.5"}),
            "invalid value for --max-redirects: '1.5' (expected an integer >= 0)");
  EXPECT_EQ(error_of({"--connect-timeout", "0"}),
            "invalid value for --connect-timeout: '0' (expected a number of seconds > 0, at most 3155760000 (100 "
            "years))");
}

// Durations beyond any timer's range are refused, never wrapped around
// into an instant expiry.
TEST_F(ValidationTest, DurationsTooLongForAnyTimerAreRefused) {
  EXPECT_EQ(error_of({"-t", "2562048h"}),
            "invalid value for --run-time: '2562048h' (expected a time span of at most 100 years (876600h))");
  EXPECT_EQ(error_of({"--network-timeout", "1e12"}),
            "invalid value for --network-timeout: '1e12' (expected a number of seconds > 0, at most 3155760000 "
            "(100 years))");
  EXPECT_TRUE(contains(error_of({"-s", "1e300"}), "--stop-timeout: '1e300'"));
  EXPECT_EQ(parse({"-t", "876600h"}).run_time, 876600.0 * 3600) << "100 years is still accepted";
}

TEST_F(ValidationTest, BadTimeSpans) {
  EXPECT_EQ(error_of({"-t", "3x"}),
            "invalid value for --run-time: '3x' (expected a time span such as 20, 20s, 3m, 2h, "
            "1h20m)");
  EXPECT_TRUE(contains(error_of({"--stop-timeout", "soon"}), "--stop-timeout: 'soon'"));
}

TEST_F(ValidationTest, ErrorsSayWhereTheValueCameFrom) {
  env_.vars["LOCUST_USERS"] = "many";
  EXPECT_EQ(error_of({}),
            "invalid value for --users: 'many' (expected an integer >= 0), from environment "
            "variable LOCUST_USERS");
  env_.vars.erase("LOCUST_USERS");
  write_conf("\nheadless = maybe\n");
  EXPECT_EQ(error_of({}),
            "invalid value for --headless: 'maybe' (expected true or false), from "
            "config file '" +
                (work_ / "locust.conf").string() + "', line 2");
}

// --- choices -------------------------------------------------------------------

TEST_F(ValidationTest, PluginChoices) {
  plugin_argument env = plugin_arg("--env");
  env.choices = {"dev", "staging", "prod"};
  EXPECT_EQ(error_of({"--env", "qa"}, {env}), "invalid choice for --env: 'qa' (choose from 'dev', 'staging', 'prod')");
  EXPECT_EQ(parse({"--env", "staging"}, {env}).plugin_values.at("env"), strings{"staging"});
}

TEST_F(ValidationTest, EveryValueOfAMultipleIsCheckedAgainstTheChoices) {
  plugin_argument envs = plugin_arg("--envs");
  envs.choices = {"dev", "prod"};
  envs.is_multiple = true;
  EXPECT_EQ(parse({"--envs", "dev", "prod"}, {envs}).plugin_values.at("envs"), (strings{"dev", "prod"}));
  EXPECT_EQ(error_of({"--envs", "dev", "qa"}, {envs}), "invalid choice for --envs: 'qa' (choose from 'dev', 'prod')");
  write_conf("envs = prod, qa\n");
  EXPECT_TRUE(contains(error_of({}, {envs}), "invalid choice for --envs: 'qa'"));
}

TEST_F(ValidationTest, LogLevelIsCaseInsensitiveAndUpperCased) {
  EXPECT_EQ(parse({"-L", "warning"}).loglevel, "WARNING");
  EXPECT_EQ(error_of({"--loglevel", "verbose"}),
            "invalid choice for --loglevel: 'verbose' (choose from 'DEBUG', 'INFO', 'WARNING', "
            "'ERROR', 'CRITICAL')");
}

// --- required ------------------------------------------------------------------

TEST_F(ValidationTest, RequiredPluginArgument) {
  plugin_argument required = plugin_arg("--my-required");
  required.is_required = true;
  EXPECT_EQ(error_of({}, {required}), "the following argument is required: --my-required");
  EXPECT_EQ(parse({"--my-required", "x"}, {required}).plugin_values.at("my-required"), strings{"x"});
  write_conf("my-required = from-file\n");
  EXPECT_EQ(parse({}, {required}).plugin_values.at("my-required"), strings{"from-file"});
}

TEST_F(ValidationTest, RequiredIsSatisfiedByEnvironmentOrDefault) {
  plugin_argument from_env = plugin_arg("--token");
  from_env.is_required = true;
  from_env.env_var = "MY_TOKEN";
  env_.vars["MY_TOKEN"] = "abc";
  plugin_argument with_default = plugin_arg("--mode");
  with_default.is_required = true;
  with_default.default_value = "fast";
  const run_options options = parse({}, {from_env, with_default});
  EXPECT_EQ(options.plugin_values.at("token"), strings{"abc"});
  EXPECT_EQ(options.plugin_values.at("mode"), strings{"fast"});
}

TEST_F(ValidationTest, AllMissingRequiredArgumentsAreListed) {
  plugin_argument a = plugin_arg("--a1");
  a.is_required = true;
  plugin_argument b = plugin_arg("--b1");
  b.is_required = true;
  EXPECT_EQ(error_of({}, {a, b}), "the following arguments are required: --a1, --b1");
}

TEST_F(ValidationTest, HelpAndVersionWorkEvenWhenRequiredArgumentsAreMissing) {
  plugin_argument required = plugin_arg("--my-required");
  required.is_required = true;
  EXPECT_TRUE(parse({"--help"}, {required}).help);
  EXPECT_TRUE(parse({"-u", "bad", "-V"}, {required}).version);
}

// --- secrets -------------------------------------------------------------------

TEST_F(ValidationTest, SecretValueNeverAppearsInErrors) {
  const std::vector<plugin_argument> plugins{secret_int("--password")};
  std::string message = error_of({"--password", "hunter2"}, plugins);
  EXPECT_EQ(message, "invalid value for --password (expected an integer)");

  write_conf("password = hunter2\n");
  message = error_of({}, plugins);
  EXPECT_TRUE(contains(message, "invalid value for --password")) << message;
  EXPECT_FALSE(contains(message, "hunter2")) << message;

  fs::remove(work_ / "locust.conf");
  plugin_argument secret_choice = plugin_arg("--api-key");
  secret_choice.is_secret = true;
  secret_choice.choices = {"k1", "k2"};
  message = error_of({"--api-key", "hunter2"}, {secret_choice});
  EXPECT_EQ(message, "invalid choice for --api-key (choose from 'k1', 'k2')");
}

TEST_F(ValidationTest, SecretDefaultNeverAppearsInDeclarationErrors) {
  plugin_argument bad_default = secret_int("--pin");
  bad_default.default_value = "hunter2";
  const std::string message = error_of({}, {bad_default});
  EXPECT_TRUE(contains(message, "--pin")) << message;
  EXPECT_FALSE(contains(message, "hunter2")) << message;
}

// --- typed plugin arguments ----------------------------------------------------

TEST_F(ValidationTest, TypedPluginValuesAreChecked) {
  plugin_argument count = plugin_arg("--count");
  count.type = argument_type::integer;
  plugin_argument ratio = plugin_arg("--ratio");
  ratio.type = argument_type::floating;
  plugin_argument flag = plugin_arg("--dry-run");
  flag.type = argument_type::boolean;
  flag.env_var = "DRY_RUN";
  const std::vector<plugin_argument> plugins{count, ratio, flag};

  EXPECT_EQ(error_of({"--count", "ten"}, plugins), "invalid value for --count: 'ten' (expected an integer)");
  EXPECT_EQ(error_of({"--ratio", "half"}, plugins), "invalid value for --ratio: 'half' (expected a number)");
  EXPECT_EQ(error_of({"--dry-run=1"}, plugins), "option '--dry-run' does not take a value");
  env_.vars["DRY_RUN"] = "maybe";
  EXPECT_EQ(error_of({}, plugins),
            "invalid value for --dry-run: 'maybe' (expected true or false), from environment "
            "variable DRY_RUN");
  env_.vars["DRY_RUN"] = "yes";
  const run_options options = parse({"--count", "-4", "--ratio", "0.5"}, plugins);
  EXPECT_EQ(options.plugin_values.at("count"), strings{"-4"});
  EXPECT_EQ(options.plugin_values.at("ratio"), strings{"0.5"});
  EXPECT_EQ(options.plugin_values.at("dry-run"), strings{"true"});
}

// --- plugin declarations -------------------------------------------------------

TEST_F(ValidationTest, BrokenDeclarationsBlameThePlugin) {
  EXPECT_EQ(error_of({}, {plugin_arg("--users")}),
            "plugin 'test-plugin' declares an invalid argument '--users': the name is taken by "
            "a built-in option");
  EXPECT_TRUE(contains(error_of({}, {plugin_arg("--dup"), plugin_arg("--dup")}),
                       "another plugin argument already uses this name"));
  EXPECT_TRUE(contains(error_of({}, {plugin_arg("no-dashes")}), "names must look like"));
  EXPECT_TRUE(contains(error_of({}, {plugin_arg("--bad name")}), "names must look like"));

  plugin_argument bad_choice_default = plugin_arg("--env");
  bad_choice_default.choices = {"dev", "prod"};
  bad_choice_default.default_value = "qa";
  EXPECT_TRUE(contains(error_of({}, {bad_choice_default}), "default 'qa' is not one of its choices"));

  plugin_argument bad_bool = plugin_arg("--flag");
  bad_bool.type = argument_type::boolean;
  bad_bool.is_multiple = true;
  EXPECT_TRUE(contains(error_of({}, {bad_bool}), "a boolean cannot be is_multiple"));
}

// --- combinations --------------------------------------------------------------

TEST_F(ValidationTest, CsvFullHistoryRequiresCsv) {
  EXPECT_EQ(error_of({"--csv-full-history"}), "--csv-full-history requires --csv");
  EXPECT_TRUE(parse({"--csv-full-history", "--csv", "out"}).csv_full_history);
  env_.vars["LOCUST_CSV_FULL_HISTORY"] = "true";
  EXPECT_EQ(error_of({}), "--csv-full-history requires --csv");
}

}  // namespace
}  // namespace locustpp::cli
