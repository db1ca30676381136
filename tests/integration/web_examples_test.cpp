// The web UI examples in examples/, run as a user would run them: each one
// serves its tab, route or login page, and the numbers it shows match what
// the demo target saw.
#include <gtest/gtest.h>
#include <rapidjson/document.h>

#include <string>

#include "demo_target.hpp"
#include "http_exchange.hpp"
#include "test_paths.hpp"
#include "web_run.hpp"

namespace {

using namespace locustpp::testing;
using namespace std::chrono_literals;

std::string example(const std::string& name) {
  return std::string(examples_dir) + "/" + name + ".so";
}

// The rows of a module's tab in /stats/requests (extended_stats), as a JSON document.
rapidjson::Document tab_rows(int port, const std::string& key) {
  rapidjson::Document report = get_json(port, "/stats/requests");
  rapidjson::Document rows;
  rows.SetArray();
  if (!report.IsObject() || !report.HasMember("extended_stats")) return rows;
  for (const auto& tab : report["extended_stats"].GetArray()) {
    if (tab["key"].GetString() == key) rows.CopyFrom(tab["data"], rows.GetAllocator());
  }
  return rows;
}

TEST(WebExamples, ContentLengthTabSumsBytesPerNameOffersACsvAndClearsOnReset) {
  demo_target target;
  web_run web(example("web_ui_content_length"), target.url(), {"--autostart", "-u", "2", "-r", "10"});
  ASSERT_TRUE(eventually([&] { return view(web.port()).requests >= 20; }));
  http_exchange(web.port(), "GET", "/stop");
  ASSERT_TRUE(eventually([&] { return view(web.port()).state == "stopped"; }));
  rapidjson::Document rows = tab_rows(web.port(), "content-length");
  ASSERT_EQ(rows.Size(), 2u);
  EXPECT_STREQ(rows[0]["name"].GetString(), "/");
  // Every answer the users read ("hello\n" for /, 1000 bytes for /bytes); the stop may cut
  // short the request of each of the 2 users.
  std::uint64_t index = rows[0]["content_length"].GetUint64(), bytes = rows[1]["content_length"].GetUint64();
  EXPECT_EQ(index % 6, 0u);
  EXPECT_LE(index, 6 * served_requests(target, "/"));
  EXPECT_GE(index + 12, 6 * served_requests(target, "/"));
  EXPECT_STREQ(rows[1]["name"].GetString(), "/bytes");
  EXPECT_EQ(bytes % 1000, 0u);
  EXPECT_LE(bytes, 1000 * served_requests(target, "/bytes/1000"));
  EXPECT_GE(bytes + 2000, 1000 * served_requests(target, "/bytes/1000"));
  http_reply csv = http_exchange(web.port(), "GET", "/content-length/csv");
  EXPECT_EQ(csv.header("Content-Type"), "text/csv");
  EXPECT_NE(csv.body.find("\"/bytes\"," + std::to_string(bytes) + "\n"), std::string::npos) << csv.body;
  EXPECT_NE(http_exchange(web.port(), "GET", "/").body.find(R"("href":"/content-length/csv")"), std::string::npos);
  http_exchange(web.port(), "GET", "/stats/reset");
  EXPECT_EQ(tab_rows(web.port(), "content-length").Size(), 0u);
}

TEST(WebExamples, CacheStatsTabCountsHitsAndMissesAsTheTargetAnswered) {
  demo_target target;
  web_run web(example("web_ui_cache_stats"), target.url(), {"--autostart", "-u", "2", "-r", "10"});
  ASSERT_TRUE(eventually([&] { return view(web.port()).requests >= 40; }));
  http_exchange(web.port(), "GET", "/stop");
  ASSERT_TRUE(eventually([&] { return view(web.port()).state == "stopped"; }));
  rapidjson::Document rows = tab_rows(web.port(), "cache-stats");
  ASSERT_EQ(rows.Size(), 2u);
  const auto& origin = rows[0];  // "/" has no X-Cache header
  EXPECT_STREQ(origin["name"].GetString(), "/");
  // What the users read; the stop may cut short the request of each of the 2 users.
  EXPECT_LE(origin["no_info"].GetUint64(), served_requests(target, "/"));
  EXPECT_GE(origin["no_info"].GetUint64() + 2, served_requests(target, "/"));
  EXPECT_EQ(origin["hit"].GetUint64() + origin["miss"].GetUint64(), 0u);
  const auto& page = rows[1];
  std::uint64_t cached = served_requests(target, "/cached/page");
  std::uint64_t seen = page["hit"].GetUint64() + page["miss"].GetUint64();
  EXPECT_LE(seen, cached);
  EXPECT_GE(seen + 2, cached);
  EXPECT_LE(page["miss"].GetUint64(), (cached + 3) / 4) << "the demo target misses every fourth time";
  EXPECT_GE(page["miss"].GetUint64() + 2, (cached + 3) / 4);
  EXPECT_NE(http_exchange(web.port(), "GET", "/cache/csv").body.find("\"/cached/page\","), std::string::npos);
}

TEST(WebExamples, AWebRouteAnswersJsonAboutTheTest) {
  demo_target target;
  web_run web(example("web_route"), target.url(), {"--autostart", "-u", "3", "-r", "10"});
  ASSERT_TRUE(eventually([&] { return view(web.port()).users == 3; }));
  http_reply page = http_exchange(web.port(), "GET", "/added_page");
  EXPECT_EQ(page.header("Content-Type"), "application/json");
  rapidjson::Document answer = json_of(page);
  ASSERT_TRUE(answer.IsObject()) << page.body;
  EXPECT_STREQ(answer["state"].GetString(), "running");
  EXPECT_EQ(answer["user_count"].GetUint64(), 3u);
}

TEST(WebExamples, LoginExampleChecksItsFormAndLogsUsersIn) {
  demo_target target;
  web_run web(example("web_ui_login"), target.url(), {"--web-login", "--web-base-path", "/ui"});
  http_reply page = http_exchange(web.port(), "GET", "/ui/login");
  EXPECT_NE(page.body.find("<title>Load test login</title>"), std::string::npos);
  EXPECT_NE(page.body.find("type=\"email\" name=\"username\""), std::string::npos) << page.body;
  EXPECT_NE(page.body.find("<option>testers</option>"), std::string::npos);
  EXPECT_NE(page.body.find("type=\"password\" name=\"confirm_password\""), std::string::npos);
  EXPECT_NE(page.body.find("href=\"/ui/login/sso\">Single sign-on</a>"), std::string::npos);
  EXPECT_EQ(http_exchange(web.port(), "GET", "/ui/stats/requests").status, 401);

  http_reply mismatch = http_post_form(web.port(), "/ui/login_submit",
                                       "username=ann%40example.com&password=a&confirm_password=b&user_group=testers");
  EXPECT_EQ(mismatch.status, 302);
  EXPECT_EQ(mismatch.header("Location"), "/ui/login") << "a module's redirect lands under the base path";
  EXPECT_EQ(mismatch.head.find("locustpp_session="), std::string::npos);

  http_reply matched = http_post_form(web.port(), "/ui/login_submit",
                                      "username=ann%40example.com&password=pw&confirm_password=pw&user_group=testers");
  EXPECT_EQ(matched.header("Location"), "/ui/");
  std::size_t at = matched.head.find("locustpp_session=");
  ASSERT_NE(at, std::string::npos) << matched.head;
  std::string cookie = matched.head.substr(at, matched.head.find(';', at) - at);
  EXPECT_EQ(http_exchange(web.port(), "GET", "/ui/stats/requests", "", {{"Cookie", cookie}}).status, 200);
  EXPECT_TRUE(web.process().wait_for_stderr("logged in: ann@example.com (group testers)", 5s));
}

}  // namespace
