// Tests for cli/config_file.hpp and cli/value_text.hpp: the locust.conf format.
#include <gtest/gtest.h>

#include <string>

#include "cli/config_error.hpp"
#include "cli/config_file.hpp"
#include "cli/pyproject_config.hpp"
#include "cli/value_text.hpp"

namespace locustpp::cli {
namespace {

TEST(ConfigFile, ReadsAllSeparatorForms) {
  const auto contents = parse_config_text(
      "# comment\n"
      "; another comment\n"
      "[section]\n"
      "users = 5\n"
      "host: http://example.com:8080/#frag\n"
      "spawn-rate 2.5\n"
      "headless\n"
      "\n"
      "csv = \"report\"  # inline comment\n"
      "tags = [a, b]\r\n"
      "empty =\n",
      "test.conf");
  ASSERT_EQ(contents.entries.size(), 7u);
  EXPECT_EQ(contents.entries[0].key, "users");
  EXPECT_EQ(contents.entries[0].value, "5");
  EXPECT_EQ(contents.entries[0].line, 4);
  EXPECT_EQ(contents.entries[1].key, "host");
  EXPECT_EQ(contents.entries[1].value, "http://example.com:8080/#frag");
  EXPECT_EQ(contents.entries[2].value, "2.5");
  EXPECT_EQ(contents.entries[3].key, "headless");
  EXPECT_EQ(contents.entries[3].value, "true");
  EXPECT_EQ(contents.entries[4].value, "report");
  EXPECT_EQ(contents.entries[5].value, "[a, b]");
  EXPECT_EQ(contents.entries[6].key, "empty");
  EXPECT_EQ(contents.entries[6].value, "");
}

TEST(ConfigFile, LineWithoutKeyIsAnErrorThatDoesNotEchoTheValue) {
  try {
    parse_config_text("users = 1\n= hunter2\n", "/etc/x.conf");
    FAIL() << "accepted a line without a key";
  } catch (const config_error& error) {
    const std::string message = error.what();
    EXPECT_NE(message.find("/etc/x.conf"), std::string::npos) << message;
    EXPECT_NE(message.find("line 2"), std::string::npos) << message;
    EXPECT_EQ(message.find("hunter2"), std::string::npos) << message;
  }
}

TEST(ConfigFile, NulByteGivesAReadableError) {
  try {
    parse_config_text(std::string("users = 1\nhost = a\0b\n", 22), "/etc/x.conf");
    FAIL() << "accepted a NUL byte";
  } catch (const config_error& error) {
    EXPECT_STREQ(error.what(), "config file '/etc/x.conf', line 2: contains a NUL byte (is it a text file?)");
  }
}

TEST(ConfigFile, MissingFileIsAnError) {
  EXPECT_THROW(read_config_file("/nonexistent/dir/locust.conf"), config_error);
}

TEST(ValueText, Booleans) {
  for (const char* yes : {"true", "True", "YES", "on", "1", " true "}) {
    EXPECT_EQ(parse_bool_text(yes), true) << yes;
  }
  for (const char* no : {"false", "No", "off", "0"}) EXPECT_EQ(parse_bool_text(no), false) << no;
  EXPECT_EQ(parse_bool_text("maybe"), std::nullopt);
  EXPECT_EQ(parse_bool_text(""), std::nullopt);
}

TEST(ValueText, Numbers) {
  EXPECT_EQ(parse_integer_text(" 42 "), 42);
  EXPECT_EQ(parse_integer_text("-3"), -3);
  EXPECT_EQ(parse_integer_text("4.5"), std::nullopt);
  EXPECT_EQ(parse_integer_text("12abc"), std::nullopt);
  EXPECT_EQ(parse_number_text("0.25"), 0.25);
  EXPECT_EQ(parse_number_text("1e3"), 1000.0);
  EXPECT_EQ(parse_number_text("inf"), std::nullopt);
  EXPECT_EQ(parse_number_text("nan"), std::nullopt);
}

TEST(ValueText, Lists) {
  using list = std::vector<std::string>;
  EXPECT_EQ(split_list_text("[a, b]", false), (list{"a", "b"}));
  EXPECT_EQ(split_list_text("a.so,b.so", false), (list{"a.so", "b.so"}));
  EXPECT_EQ(split_list_text("a b,c", true), (list{"a", "b", "c"}));
  EXPECT_EQ(split_list_text("my file.so", false), (list{"my file.so"}));
  EXPECT_EQ(split_list_text("['x', \"y\"]", false), (list{"x", "y"}));
  EXPECT_EQ(split_list_text("", true), list{});
}

}  // namespace
}  // namespace locustpp::cli

namespace locustpp::cli {
namespace {

TEST(PyprojectConfig, ReadsTheToolLocustTableOnly) {
  const auto contents = parse_pyproject_text(
      "[project]\nname = \"shop\"\nusers = 99\n\n"
      "[tool.locust]\n"
      "users = 10   # a comment\n"
      "host = \"http://127.0.0.1:8080/a#b\"\n"
      "run-time = '3m'\n"
      "headless = true\n"
      "spawn-rate = 2.5\n"
      "tags = [\"fast\", 'slow']\n"
      "exclude-tags = [\n  \"flaky\",  # why\n  \"broken\",\n]\n"
      "\"quoted-key\" = \"x\\ty\"\n"
      "[tool.other]\nusers = 1\n",
      "/p/pyproject.toml");
  std::vector<std::pair<std::string, std::string>> got;
  for (const auto& entry : contents.entries) got.emplace_back(entry.key, entry.value);
  std::vector<std::pair<std::string, std::string>> expected{{"users", "10"},
                                                            {"host", "http://127.0.0.1:8080/a#b"},
                                                            {"run-time", "3m"},
                                                            {"headless", "true"},
                                                            {"spawn-rate", "2.5"},
                                                            {"tags", "fast,slow"},
                                                            {"exclude-tags", "flaky,broken"},
                                                            {"quoted-key", "x\ty"}};
  EXPECT_EQ(got, expected);
  EXPECT_EQ(contents.entries[0].line, 6);
}

TEST(PyprojectConfig, ErrorsNameTheFileAndLine) {
  auto error_of = [](std::string_view text) {
    try {
      parse_pyproject_text(text, "/p/pyproject.toml");
    } catch (const config_error& error) {
      return std::string(error.what());
    }
    return std::string("(no error)");
  };
  EXPECT_EQ(error_of("[tool.locust]\nusers 10\n"), "config file '/p/pyproject.toml', line 2: expected 'name = value'");
  EXPECT_EQ(error_of("[tool.locust]\nhost = \"http://x\n"),
            "config file '/p/pyproject.toml', line 2: unterminated string");
  EXPECT_EQ(error_of("[tool.locust]\ntags = [\"a\",\n"), "config file '/p/pyproject.toml', line 2: unterminated array");
  EXPECT_EQ(error_of("[tool.locust]\nusers = {a = 1}\n"),
            "config file '/p/pyproject.toml', line 2: inline tables are not supported");
  EXPECT_EQ(error_of("[tool.other]\nanything = {a = 1}\n"), "(no error)") << "other tables are not read";
}

}  // namespace
}  // namespace locustpp::cli
