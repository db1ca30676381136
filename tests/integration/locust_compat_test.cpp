// locustpp as a drop-in for Locust users: what their tooling reads behaves
// as Locust's does. Where Debian's Locust 2.12.1 is the reference, both run
// the same scenario (locust/compat_locustfile.py and plugins/compat.cpp)
// against the demo target, and their outputs are compared.
#include <gtest/gtest.h>

#include <rapidjson/document.h>

#include <filesystem>
#include <fstream>
#include <regex>
#include <sstream>

#include "child_process.hpp"
#include "demo_target.hpp"
#include "locustpp_run.hpp"
#include "output_text.hpp"
#include "test_paths.hpp"

namespace locustpp::testing {
namespace {

namespace fs = std::filesystem;

const std::string python_locust = "/usr/bin/locust";  // Debian's python3-locust, installed by make test

std::string locustfile() {
  return std::string(source_dir) + "/tests/integration/locust/compat_locustfile.py";
}

// Runs Debian's Locust with `args` in `dir`; returns {exit code, stdout, stderr}.
struct locust_result {
  std::optional<int> exit_code;
  std::string out, err;
};
locust_result run_python_locust(std::vector<std::string> args, const fs::path& dir) {
  std::vector<std::string> argv{python_locust, "-f", locustfile()};
  argv.insert(argv.end(), args.begin(), args.end());
  child_process locust(argv, {}, dir);
  locust_result result;
  result.exit_code = locust.wait(std::chrono::seconds(60));
  result.out = locust.stdout_text();
  result.err = locust.stderr_text();
  return result;
}

using table = std::vector<std::vector<std::string>>;

table csv_table(const std::string& text) {
  table rows;
  for (std::string line : lines_of(text)) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    std::vector<std::string> cells;
    std::string cell;
    bool quoted = false;
    for (char c : line) {
      if (c == '"') {
        quoted = !quoted;
      } else if (c == ',' && !quoted) {
        cells.push_back(cell);
        cell.clear();
      } else {
        cell += c;
      }
    }
    cells.push_back(cell);
    rows.push_back(cells);
  }
  return rows;
}

// How a CSV cell parses: what scripts reading the files care about.
std::string kind_of(const std::string& cell) {
  static const std::regex integer("-?[0-9]+"),
      floating("-?[0-9]+\\.[0-9]+(e[-+][0-9]+)?|-?[0-9](\\.[0-9]+)?e[-+][0-9]+");
  if (std::regex_match(cell, integer)) return "int";
  if (std::regex_match(cell, floating)) return "float";
  return cell == "N/A" ? "N/A" : "text";
}

const std::vector<std::string>* row_named(const table& rows, const std::string& type, const std::string& name) {
  for (const auto& row : rows) {
    if (row.size() > 1 && row[0] == type && row[1] == name) return &row;
  }
  return nullptr;
}

class LocustCompat : public ::testing::Test {
 protected:
  void SetUp() override { ASSERT_TRUE(fs::exists(python_locust)) << "make test installs python3-locust"; }
};

TEST_F(LocustCompat, CsvFilesParseAsLocustsDo) {
  demo_target target;
  auto dir = make_temp_dir("locustpp-compat");
  std::vector<std::string> scenario{"--headless", "-u", "3",  "-r",         "10",
                                    "-t",         "3s", "-H", target.url(), "--only-summary"};
  std::vector<std::string> locust_args = scenario;
  locust_args.insert(locust_args.end(), {"--csv", (dir / "locust").string()});
  locust_result locust = run_python_locust(locust_args, dir);
  ASSERT_EQ(locust.exit_code, 1) << "the /status/500 failures\n" << locust.err;
  std::vector<std::string> our_args{"-f", test_plugin("compat")};
  our_args.insert(our_args.end(), scenario.begin(), scenario.end());
  our_args.insert(our_args.end(), {"--csv", (dir / "ours").string()});
  run_result ours = run_locustpp(our_args);
  ASSERT_EQ(ours.exit_code, 1) << ours.err;

  table locust_stats = csv_table(read_file(dir / "locust_stats.csv"));
  table our_stats = csv_table(read_file(dir / "ours_stats.csv"));
  ASSERT_GE(locust_stats.size(), 5u);
  EXPECT_EQ(our_stats[0], locust_stats[0]) << "the same header";
  for (std::size_t r = 1; r < locust_stats.size(); ++r) {
    const auto& theirs = locust_stats[r];
    const std::vector<std::string>* mine = row_named(our_stats, theirs[0], theirs[1]);
    ASSERT_NE(mine, nullptr) << theirs[0] << " " << theirs[1];
    ASSERT_EQ(mine->size(), theirs.size());
    for (std::size_t c = 2; c < theirs.size(); ++c) {
      const std::string& column = locust_stats[0][c];
      std::string expected = kind_of(theirs[c]), got = kind_of((*mine)[c]);
      if (column == "Median Response Time") {  // a bucket (int), or the min/max when clamped (float)
        EXPECT_TRUE(got == "int" || got == "float") << column << ": " << (*mine)[c];
      } else if (expected == "float" && theirs[c].ends_with(".0") && column.ends_with('%')) {
        EXPECT_EQ(got, "int") << column << ": 2.12.1's float buckets above 100 ms are ints since 2.x";
      } else {
        EXPECT_EQ(got, expected) << theirs[1] << ", " << column << ": Locust '" << theirs[c] << "', ours '"
                                 << (*mine)[c] << "'";
      }
    }
  }

  table locust_history = csv_table(read_file(dir / "locust_stats_history.csv"));
  table our_history = csv_table(read_file(dir / "ours_stats_history.csv"));
  ASSERT_GE(locust_history.size(), 2u);
  ASSERT_GE(our_history.size(), 3u);
  EXPECT_EQ(our_history[0], locust_history[0]);
  ASSERT_EQ(our_history[1].size(), locust_history[1].size());
  EXPECT_EQ(our_history[1][1], "0") << "the first row comes before any user, as Locust's";
  for (std::size_t c = 0; c < locust_history[1].size(); ++c) {
    EXPECT_EQ(kind_of(our_history[1][c]), kind_of(locust_history[1][c]))
        << locust_history[0][c] << ": Locust '" << locust_history[1][c] << "', ours '" << our_history[1][c] << "'";
  }

  table locust_failures = csv_table(read_file(dir / "locust_failures.csv"));
  table our_failures = csv_table(read_file(dir / "ours_failures.csv"));
  std::vector<std::string> header_since_2_44 = locust_failures[0];
  header_since_2_44.insert(header_since_2_44.end(), {"First Seen", "Last Seen"});
  EXPECT_EQ(our_failures[0], header_since_2_44);
  ASSERT_GE(our_failures.size(), 2u);
  ASSERT_GE(locust_failures.size(), 2u);
  EXPECT_EQ(our_failures[1][2], locust_failures[1][2]) << "the same error text";
  EXPECT_EQ(our_failures[1][2], "CatchResponseError('got 500')");
  EXPECT_EQ(csv_table(read_file(dir / "ours_exceptions.csv"))[0],
            csv_table(read_file(dir / "locust_exceptions.csv"))[0]);
}

TEST_F(LocustCompat, ListAndTaskRatiosPrintAsLocusts) {
  auto dir = make_temp_dir("locustpp-ratio");
  for (const std::string option : {"--list", "--show-task-ratio", "--show-task-ratio-json"}) {  // NOLINT
    locust_result locust = run_python_locust({option}, dir);
    run_result ours = run_locustpp({"-f", test_plugin("compat"), option});
    ASSERT_EQ(locust.exit_code, 0) << locust.err;
    EXPECT_EQ(ours.exit_code, 0) << ours.err;
    if (option == "--list") {
      EXPECT_EQ(ours.out.substr(0, locust.out.size()), locust.out) << "Locust's lines come first";
    } else {
      EXPECT_EQ(ours.out, locust.out) << option;
    }
  }
}

// stdout carries only what was asked for: `--json` is pure JSON (jq reads
// it), the tables and the log are on stderr.
TEST(LocustCompatStreams, JsonAloneOnStdoutTablesAndLogOnStderr) {
  demo_target target;
  auto dir = make_temp_dir("locustpp-streams");
  std::string command = std::string(bin_dir) + "/locustpp -f " + test_plugin("compat") +
                        " --headless -u 2 -r 10 -t 1s -H " + target.url() + " --json 2>" + (dir / "err").string() +
                        " | jq -e 'length > 0' > " + (dir / "jq").string();
  child_process shell({"/bin/bash", "-c", "set -o pipefail; " + command});
  EXPECT_EQ(shell.wait(std::chrono::seconds(30)), 1) << "locustpp's exit code (1: the 500s) through the pipe\n"
                                                     << read_file(dir / "err");
  EXPECT_EQ(read_file(dir / "jq"), "true\n") << "jq parsed stdout";
  std::string err = read_file(dir / "err");
  EXPECT_TRUE(contains(err, "Response time percentiles")) << err;
  EXPECT_TRUE(contains(err, "Aggregated")) << err;
}

TEST(LocustCompatLog, LinesScriptsGrepKeepLocustsWording) {
  demo_target target;
  run_result result = run_locustpp({"-f", test_plugin("compat"), "--headless", "-u", "3", "-r", "100", "-t", "1s", "-H",
                                    target.url(), "--only-summary"});
  ASSERT_TRUE(result.exit_code.has_value());
  const std::regex prefix(R"(\[\d{4}-\d\d-\d\d \d\d:\d\d:\d\d,\d{3}\] [^/ ]+/INFO/locustpp: .*)");
  std::vector<std::string> log_lines = lines_starting_with(result.err, "[");
  ASSERT_FALSE(log_lines.empty()) << result.err;
  for (const auto& line : log_lines) {
    if (contains(line, "/INFO/")) {
      EXPECT_TRUE(std::regex_match(line, prefix)) << line;
    }
  }
  for (const char* expected :
       {"/INFO/locustpp: Starting Locust (locustpp ", "/INFO/locustpp: Run time limit set to 1 seconds",
        "/INFO/locustpp: Ramping to 3 users at a rate of 100.00 per second",
        "/INFO/locustpp: All users spawned: {\"Admin\": 2, \"Shopper\": 1} (3 total users)",
        "/INFO/locustpp: --run-time limit reached, shutting down", "/INFO/locustpp: Shutting down (exit code 1)"}) {
    EXPECT_TRUE(contains(result.err, expected)) << expected << "\n" << result.err;
  }
}

// Keys and variables Locust knows but locustpp does not support yet are
// warnings, never refusals; a typo is still an error.
TEST(LocustCompatConfig, LocustOnlyKeysWarnAndTheRunGoesOn) {
  demo_target target;
  auto dir = make_temp_dir("locustpp-conf");
  std::ofstream(dir / "locust.conf") << "web-host-display-name = shop\nbuild-path = /srv/ui\nlegacy-ui = true\n"
                                     << "headless = true\nusers = 2\nspawn-rate = 10\nrun-time = 1s\n"
                                     << "only-summary = true\n";
  run_result result = run_locustpp({"-f", test_plugin("compat"), "-H", target.url(), "Admin"}, 30,
                                   {{"LOCUST_HEADFUL", "true"}}, dir.string());
  EXPECT_EQ(result.exit_code, 0) << result.err;
  EXPECT_GT(result.total_requests(), 0u);
  std::string conf = (dir / "locust.conf").string();
  for (const std::string& expected :
       {"--web-host-display-name (from config file '" + conf +
            "', line 1) is a Locust option locustpp does not support yet",
        "--build-path (from config file '" + conf + "', line 2) is a Locust option locustpp does not support yet",
        "--legacy-ui (from config file '" + conf + "', line 3) is a Locust option locustpp does not support yet",
        std::string("--headful (from environment variable LOCUST_HEADFUL) is a Locust option locustpp does not "
                    "support yet")}) {
    EXPECT_TRUE(contains(result.err, expected)) << expected << "\n" << result.err;
  }
  std::ofstream(dir / "locust.conf") << "userz = 2\n";
  run_result typo = run_locustpp({"-f", test_plugin("compat"), "--headless"}, 30, {}, dir.string());
  EXPECT_EQ(typo.exit_code, 1);
  EXPECT_TRUE(contains(typo.err, "unknown option 'userz'. Did you mean 'users'?")) << typo.err;
}

TEST(LocustCompatConfig, PyprojectTomlIsReadBelowLocustConf) {
  demo_target target;
  auto dir = make_temp_dir("locustpp-pyproject");
  std::ofstream(dir / "pyproject.toml") << "[project]\nname = \"shop-tests\"\n\n[tool.locust]\nheadless = true\n"
                                        << "users = 5\nspawn-rate = 100\nrun-time = \"1s\"\n"
                                        << "only-summary = true  # a comment\nexclude-tags = [\n  \"none\",\n]\n";
  run_result from_toml = run_locustpp({"-f", test_plugin("compat"), "-H", target.url(), "Admin"}, 30, {}, dir.string());
  EXPECT_EQ(from_toml.exit_code, 0) << from_toml.err;
  EXPECT_TRUE(contains(from_toml.err, "Ramping to 5 users")) << from_toml.err;
  std::ofstream(dir / "locust.conf") << "users = 2\n";
  run_result overridden =
      run_locustpp({"-f", test_plugin("compat"), "-H", target.url(), "Admin"}, 30, {}, dir.string());
  EXPECT_TRUE(contains(overridden.err, "Ramping to 2 users")) << "locust.conf beats pyproject.toml\n" << overridden.err;
}

TEST(LocustCompatOptions, IterationsEndEachUserAndThenTheTest) {
  demo_target target;
  run_result result = run_locustpp({"-f", test_plugin("compat"), "--headless", "-u", "2", "-r", "100", "-t", "30s",
                                    "-i", "5", "-H", target.url(), "--only-summary", "Admin"});
  EXPECT_EQ(result.exit_code, 0) << result.err;
  EXPECT_EQ(result.of("GET", "/bytes/100").requests, 10u) << "2 users x 5 task runs";
  EXPECT_TRUE(contains(result.err, "All users finished their 5 task runs")) << result.err;
  EXPECT_FALSE(contains(result.err, "--run-time limit reached")) << "ended by itself";
}

double ratio(const rapidjson::Document& json, const char* table_name, const char* user_class,
             const char* task = nullptr) {
  const rapidjson::Value& entry = json[table_name][user_class];
  return task == nullptr ? entry["ratio"].GetDouble() : entry["tasks"][task]["ratio"].GetDouble();
}

TEST(LocustCompatOptions, EqualWeightsAndConfigUsersChangeTheRatios) {
  rapidjson::Document equal;
  equal.Parse(run_locustpp({"-f", test_plugin("compat"), "--show-task-ratio-json", "--equal-weights"}).out.c_str());
  ASSERT_TRUE(equal.IsObject());
  EXPECT_DOUBLE_EQ(ratio(equal, "per_class", "Shopper"), 0.5);
  EXPECT_DOUBLE_EQ(ratio(equal, "per_class", "Admin"), 0.5);
  EXPECT_DOUBLE_EQ(ratio(equal, "per_class", "Shopper", "index"), 0.5);
  EXPECT_DOUBLE_EQ(ratio(equal, "total", "Shopper", "missing"), 0.25);

  rapidjson::Document configured;
  configured.Parse(run_locustpp({"-f", test_plugin("compat"), "--show-task-ratio-json", "--config-users",
                                 R"([{"user_class_name": "Admin", "weight": 6}, {"user_class_name": "Shopper", )"
                                 R"("tasks": ["index"]}])"})
                       .out.c_str());
  ASSERT_TRUE(configured.IsObject());
  EXPECT_DOUBLE_EQ(ratio(configured, "per_class", "Admin"), 6.0 / 7);
  EXPECT_DOUBLE_EQ(ratio(configured, "per_class", "Shopper", "index"), 1.0);
  EXPECT_FALSE(configured["per_class"]["Shopper"]["tasks"].HasMember("missing"));
  run_result unknown = run_locustpp(
      {"-f", test_plugin("compat"), "--show-task-ratio", "--config-users", R"({"user_class_name": "Nobody"})"});
  EXPECT_EQ(unknown.exit_code, 1);
  EXPECT_TRUE(contains(unknown.err, "--config-users: unknown user class 'Nobody'")) << unknown.err;
}

// Without -f, as Locust looks for locustfile.py: locustfile.so, then a
// locustfile/ folder of modules.
TEST(LocustCompatOptions, LocustfileSoIsTheDefault) {
  auto dir = make_temp_dir("locustpp-default");
  fs::copy_file(test_plugin("compat"), dir / "locustfile.so");
  run_result single = run_locustpp({"--list"}, 20, {}, dir.string());
  EXPECT_EQ(single.exit_code, 0) << single.err;
  EXPECT_TRUE(contains(single.out, "    Shopper\n")) << single.out;
  fs::remove(dir / "locustfile.so");
  fs::create_directories(dir / "locustfile");
  fs::copy_file(test_plugin("compat"), dir / "locustfile" / "shop.so");
  run_result folder = run_locustpp({"--list"}, 20, {}, dir.string());
  EXPECT_TRUE(contains(folder.out, "    Admin\n")) << folder.out << folder.err;
}

TEST(LocustCompatOptions, CsvExactKeepsOurExactNumbers) {
  demo_target target;
  auto dir = make_temp_dir("locustpp-exact");
  run_result result = run_locustpp({"-f", test_plugin("compat"), "--headless", "-u", "2", "-r", "100", "-t", "1s", "-H",
                                    target.url(), "--csv", (dir / "run").string(), "--csv-exact", "Admin"});
  table stats = csv_table(read_file(dir / "run_stats.csv"));
  const std::vector<std::string>* admin = row_named(stats, "GET", "/bytes/100");
  ASSERT_NE(admin, nullptr);
  EXPECT_EQ(kind_of((*admin)[11]), "float") << "50% with decimals: " << (*admin)[11];
}

}  // namespace
}  // namespace locustpp::testing
