// Tests for cli/help_text.hpp: grouping, built-ins, plugin arguments, and that
// a secret's default never shows.
#include <gtest/gtest.h>

#include <sstream>
#include <string>
#include <vector>

#include "cli/help_text.hpp"
#include "cli/option_table.hpp"

namespace locustpp::cli {
namespace {

bool contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

std::vector<plugin_argument> sample_plugins() {
  plugin_argument env;
  env.name = "--target-env";
  env.help = "Environment to test against.";
  env.env_var = "TARGET_ENV";
  env.choices = {"dev", "staging", "prod"};
  env.default_value = "staging";
  env.owner = "envs-plugin";

  plugin_argument password;
  password.name = "--db-password";
  password.help = "Database password.";
  password.default_value = "hunter2-default";
  password.is_secret = true;
  password.env_var = "DB_PASSWORD";

  plugin_argument flag;
  flag.name = "--dry-run";
  flag.type = argument_type::boolean;
  flag.help = "Do not send requests.";
  flag.is_required = true;
  return {env, password, flag};
}

TEST(HelpText, GroupsAppearInLocustOrder) {
  const std::string help = help_text(sample_plugins());
  const std::vector<std::string> headings{"Common options:",  "Tag options:",     "Request statistics options:",
                                          "Logging options:", "Network options:", "Other options:",
                                          "User classes:",    "Custom arguments:"};
  std::size_t previous = 0;
  for (const std::string& heading : headings) {
    const std::size_t at = help.find(heading);
    ASSERT_NE(at, std::string::npos) << heading;
    EXPECT_GT(at, previous) << heading;
    previous = at;
  }
}

// Arguments a module put in a group are listed under its title, after the
// ungrouped ones, in the order the groups first appear.
TEST(HelpText, PluginArgumentGroupsHaveTheirOwnSection) {
  std::vector<plugin_argument> arguments = sample_plugins();
  arguments[1].group = "Database";
  const std::string help = help_text(arguments);
  const std::size_t custom = help.find("\nCustom arguments:\n");
  const std::size_t database = help.find("\nDatabase:\n");
  ASSERT_NE(custom, std::string::npos) << help;
  ASSERT_NE(database, std::string::npos) << help;
  EXPECT_GT(database, custom);
  EXPECT_GT(help.find("--db-password"), database);
  EXPECT_LT(help.find("--dry-run"), database) << "ungrouped arguments stay under Custom arguments";
}

TEST(HelpText, ListsEveryBuiltInOptionWithItsVariable) {
  const std::string help = help_text({});
  for (const builtin_option& option : builtin_options()) {
    if (option.locust_only) {
      EXPECT_FALSE(contains(help, "--" + std::string(option.name) + " ")) << option.name << ": not supported yet";
      continue;
    }
    EXPECT_TRUE(contains(help, "--" + std::string(option.name))) << option.name;
    if (!option.env_var.empty()) {
      EXPECT_TRUE(contains(help, "[env: " + std::string(option.env_var) + "]")) << option.name;
    }
  }
  EXPECT_TRUE(contains(help, "-u, --users <int>"));
  EXPECT_TRUE(contains(help, "[default: INFO]"));
  EXPECT_TRUE(contains(help, "LOCUST_USER_CLASSES"));
}

TEST(HelpText, NoCustomSectionWithoutPlugins) {
  EXPECT_FALSE(contains(help_text({}), "Custom arguments"));
}

TEST(HelpText, PluginArgumentsShowHelpEnvChoicesDefaultAndOwner) {
  const std::string help = help_text(sample_plugins());
  const std::string custom = help.substr(help.find("Custom arguments:"));
  EXPECT_TRUE(contains(custom, "--target-env <value>"));
  EXPECT_TRUE(contains(custom, "Environment to test against."));
  EXPECT_TRUE(contains(custom, "[choices: 'dev', 'staging', 'prod']"));
  EXPECT_TRUE(contains(custom, "[env: TARGET_ENV]"));
  EXPECT_TRUE(contains(custom, "[default: staging]"));
  EXPECT_TRUE(contains(custom, "[plugin: envs-plugin]"));
  EXPECT_TRUE(contains(custom, "--dry-run "));
  EXPECT_TRUE(contains(custom, "[required]"));
}

TEST(HelpText, SecretDefaultIsHidden) {
  const std::string help = help_text(sample_plugins());
  EXPECT_FALSE(contains(help, "hunter2"));
  EXPECT_TRUE(contains(help, "[default: (secret)]"));
  EXPECT_TRUE(contains(help, "[env: DB_PASSWORD]"));
}

TEST(HelpText, LinesFitTheTerminal) {
  std::istringstream lines(help_text(sample_plugins()));
  std::string line;
  while (std::getline(lines, line)) {
    EXPECT_LE(line.size(), 79u) << line;
    EXPECT_TRUE(line.empty() || line.back() != ' ') << "trailing blank: '" << line << "'";
  }
}

}  // namespace
}  // namespace locustpp::cli
