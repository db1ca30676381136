// The web UI's REST API through real sockets: a locustpp serving on a free
// loopback port drives real users against the demo target; the tests start,
// edit, stop, restart and reset tests as a browser or a script would, and
// check Locust's fields, downloads, plugin routes and the base path.
#include <gtest/gtest.h>
#include <rapidjson/document.h>
#include <signal.h>

#include <chrono>
#include <cstdio>
#include <fstream>
#include <functional>
#include <string>
#include <thread>

#include "child_process.hpp"
#include "demo_target.hpp"
#include "http_exchange.hpp"
#include "locustpp_run.hpp"
#include "test_paths.hpp"
#include "tls_certificate.hpp"
#include "web_run.hpp"

namespace {

using namespace locustpp::testing;
using namespace std::chrono_literals;

TEST(WebUi, StartEditStopRestartAndResetAsABrowserDoes) {
  demo_target target;
  web_run web(test_plugin("web_routes"), target.url());
  EXPECT_EQ(view(web.port()).state, "ready") << "without --autostart it waits for the browser";

  rapidjson::Document started = json_of(http_post_form(web.port(), "/swarm", "user_count=4&spawn_rate=100"));
  ASSERT_TRUE(started.IsObject());
  EXPECT_TRUE(started["success"].GetBool());
  EXPECT_STREQ(started["message"].GetString(), "Swarming started");
  EXPECT_EQ(started["host"].GetString(), target.url());
  ASSERT_TRUE(eventually([&] {
    runner_view v = view(web.port());
    return v.state == "running" && v.users == 4;
  }));
  ASSERT_TRUE(eventually([&] { return view(web.port()).requests >= 200; }));

  // Edit the running test: fewer users, same test (statistics kept).
  std::uint64_t before_edit = view(web.port()).requests;
  EXPECT_TRUE(json_of(http_post_form(web.port(), "/swarm", "user_count=2&spawn_rate=100"))["success"].GetBool());
  ASSERT_TRUE(eventually([&] {
    runner_view v = view(web.port());
    return v.state == "running" && v.users == 2;
  }));
  EXPECT_GE(view(web.port()).requests, before_edit);

  http_reply stopped = http_exchange(web.port(), "GET", "/stop");
  EXPECT_EQ(stopped.status, 200);
  EXPECT_EQ(stopped.body, R"({"success": true, "message": "Test stopped"})");
  ASSERT_TRUE(eventually([&] {
    runner_view v = view(web.port());
    return v.state == "stopped" && v.users == 0;
  }));
  std::uint64_t counted = view(web.port()).requests;
  // A sleep on purpose: what is checked is that nothing changes in this time.
  std::this_thread::sleep_for(300ms);
  EXPECT_EQ(view(web.port()).requests, counted) << "statistics survive the stop, unchanged";
  std::uint64_t served = served_requests(target, "/") + served_requests(target, "/bytes/10");
  EXPECT_LE(counted, served);
  EXPECT_LE(served, counted + 2) << "at most the users in flight at the stop";

  // Restart: a new test, statistics cleared at its start.
  EXPECT_TRUE(json_of(http_post_form(web.port(), "/swarm", "user_count=3&spawn_rate=100"))["success"].GetBool());
  ASSERT_TRUE(eventually([&] {
    runner_view v = view(web.port());
    return v.state == "running" && v.users == 3;
  }));
  EXPECT_LT(view(web.port()).requests, counted) << "the next test starts from zero";
  ASSERT_TRUE(eventually([&] { return view(web.port()).requests >= 300; }));

  http_reply reset = http_exchange(web.port(), "GET", "/stats/reset");
  EXPECT_EQ(reset.status, 200);
  EXPECT_EQ(reset.body, "ok");
  EXPECT_TRUE(web.process().wait_for_stderr("io.locustpp.tests.web_routes: reset_stats fired", 5s));
  EXPECT_LT(view(web.port()).requests, 150u) << "reset while running";
  EXPECT_EQ(view(web.port()).state, "running") << "a reset does not stop the test";

  web.process().signal(SIGINT);
  EXPECT_EQ(web.process().wait(15s), 0) << web.process().stderr_text();
  EXPECT_NE(web.process().stderr_text().find("Shutting down (exit code 0)"), std::string::npos);
}

TEST(WebUi, LocustFieldsDownloadsAndHistory) {
  demo_target target;
  web_run web(test_plugin("web_routes"), target.url(), {"--autostart", "-u", "2", "-r", "10"});
  ASSERT_TRUE(eventually([&] { return view(web.port()).requests >= 50; }));
  // One chart point every 5 s: wait for one taken while the 2 users ran.
  const auto charted = [&] {
    rapidjson::Document history = get_json(web.port(), "/stats/history");
    if (!history.IsArray() || history.Empty()) return false;
    const auto& last = history[history.Size() - 1];
    return last.HasMember("user_count") && last["user_count"][1].GetUint64() == 2 &&
           last["current_rps"][1].GetDouble() > 0;
  };
  ASSERT_TRUE(eventually(charted, 15s)) << http_exchange(web.port(), "GET", "/stats/history").body;

  rapidjson::Document report = get_json(web.port(), "/stats/requests");
  for (const char* field : {"stats", "errors", "total_rps", "total_fail_per_sec", "fail_ratio", "current_rps",
                            "current_fail_per_sec", "current_response_time_percentiles", "state", "user_count"}) {
    EXPECT_TRUE(report.HasMember(field)) << field;
  }
  const auto& total = report["stats"][report["stats"].Size() - 1];
  EXPECT_STREQ(total["name"].GetString(), "Aggregated");
  for (const char* field :
       {"method", "name", "num_requests", "num_failures", "min_response_time", "max_response_time", "current_rps",
        "current_fail_per_sec", "avg_response_time", "median_response_time", "total_rps", "total_fail_per_sec",
        "response_time_percentile_0.95", "response_time_percentile_0.99", "avg_content_length"}) {
    EXPECT_TRUE(total.HasMember(field)) << field;
  }
  EXPECT_GT(total["current_rps"].GetDouble(), 0);
  const auto& current = report["current_response_time_percentiles"];
  EXPECT_TRUE(current["response_time_percentile_0.5"].IsNumber());
  EXPECT_TRUE(current["response_time_percentile_0.95"].IsNumber());

  rapidjson::Document history = get_json(web.port(), "/stats/history");
  ASSERT_TRUE(history.IsArray());
  ASSERT_GE(history.Size(), 1u);
  EXPECT_EQ(history[history.Size() - 1]["user_count"][1].GetUint64(), 2u);
  EXPECT_GT(history[history.Size() - 1]["current_rps"][1].GetDouble(), 0);

  http_reply csv = http_exchange(web.port(), "GET", "/stats/requests/csv");
  EXPECT_EQ(csv.status, 200);
  EXPECT_EQ(csv.header("Content-Type"), "text/csv");
  EXPECT_EQ(csv.header("Content-Disposition").rfind("attachment;filename=Locust_", 0), 0u) << csv.head;
  EXPECT_NE(csv.header("Content-Disposition").find("_web_routes_127.0.0.1_"), std::string::npos) << csv.head;
  EXPECT_EQ(csv.body.rfind("Type,Name,Request Count,Failure Count,", 0), 0u);
  EXPECT_NE(csv.body.find("\r\nGET,/,"), std::string::npos);
  EXPECT_EQ(http_exchange(web.port(), "GET", "/stats/failures/csv").body.rfind("Method,Name,Error,Occurrences", 0), 0u);
  EXPECT_EQ(http_exchange(web.port(), "GET", "/exceptions/csv").body.rfind("Count,Message,Traceback,Nodes", 0), 0u);
  EXPECT_EQ(http_exchange(web.port(), "GET", "/stats/requests_full_history/csv").status, 404);
  EXPECT_TRUE(get_json(web.port(), "/exceptions")["exceptions"].IsArray());
  EXPECT_TRUE(get_json(web.port(), "/tasks")["per_class"].HasMember("Browser"));
  EXPECT_EQ(get_json(web.port(), "/worker-count")["worker_count"].GetInt(), 0);
  rapidjson::Document logs = get_json(web.port(), "/logs");
  ASSERT_TRUE(logs["master"].IsArray());
  EXPECT_NE(std::string(logs["master"][0].GetString()).find("Starting web interface"), std::string::npos);
  EXPECT_EQ(http_exchange(web.port(), "GET", "/no/such/route").status, 404);

  // A client that is not ours reads the same API.
  rapidjson::Document by_curl;
  by_curl.Parse(curl_get_body("http://127.0.0.1:" + std::to_string(web.port()) + "/stats/requests").c_str());
  ASSERT_TRUE(by_curl.IsObject());
  EXPECT_STREQ(by_curl["state"].GetString(), "running");
  web.process().signal(SIGTERM);
  EXPECT_EQ(web.process().wait(15s), 0) << web.process().stderr_text();
}

TEST(WebUi, SwarmRefusesBadFieldsWithMessagesAndHonoursClassesAndRunTime) {
  demo_target target;
  web_run web(test_plugin("web_routes"), target.url(), {"--class-picker"});
  EXPECT_NE(http_exchange(web.port(), "GET", "/").body.find(R"("show_userclass_picker":true)"), std::string::npos);
  const auto refused = [&](const std::string& form) {
    rapidjson::Document answer = json_of(http_post_form(web.port(), "/swarm", form));
    EXPECT_FALSE(answer["success"].GetBool()) << form;
    return std::string(answer["message"].GetString());
  };
  // The command line's checks and words, naming the web UI as the source.
  EXPECT_EQ(refused("user_count=abc&spawn_rate=1"),
            "invalid value for --users: 'abc' (expected an integer >= 0), from the web UI");
  EXPECT_EQ(refused("user_count=1&spawn_rate=0"),
            "invalid value for --spawn-rate: '0' (expected a number > 0), from the web UI");
  EXPECT_EQ(
      refused("user_count=1&spawn_rate=1&run_time=3x"),
      "invalid value for --run-time: '3x' (expected a time span such as 20, 20s, 3m, 2h, 1h20m), from the web UI");
  EXPECT_EQ(refused("user_count=1&spawn_rate=1&greeting=bonjour"),
            "invalid choice for --greeting: 'bonjour' (choose from 'hello', 'hola', 'salut'), from the web UI");
  EXPECT_EQ(refused("user_count=1&spawn_rate=1&user_classes=Nope"), "unknown user class 'Nope'");
  EXPECT_EQ(refused("user_count=1&spawn_rate=1&host=not+a+url"),
            "invalid host 'not a url': use e.g. http://127.0.0.1:8080");
  EXPECT_EQ(view(web.port()).state, "ready");

  rapidjson::Document started =
      json_of(http_post_form(web.port(), "/swarm", "user_count=3&spawn_rate=100&run_time=2s&user_classes=Other"));
  ASSERT_TRUE(started["success"].GetBool());
  EXPECT_EQ(started["run_time"].GetDouble(), 2.0);
  ASSERT_TRUE(started["user_classes"].IsArray());
  EXPECT_STREQ(started["user_classes"][0].GetString(), "Other");
  ASSERT_TRUE(eventually([&] { return view(web.port()).users == 3; }));
  EXPECT_TRUE(eventually([&] { return view(web.port()).state == "stopped"; }, 10s)) << "run_time stops the test";
  EXPECT_TRUE(web.process().still_running_after(500ms)) << "and does not quit";
  rapidjson::Document report = get_json(web.port(), "/stats/requests");
  for (const auto& row : report["stats"].GetArray()) {
    EXPECT_STRNE(row["name"].GetString(), "/item") << "only Other ran, and it has no /item task";
  }
}

TEST(WebUi, PluginRoutesAnswerAndAFailingRouteIsA500) {
  demo_target target;
  web_run web(test_plugin("web_routes"), target.url());
  http_reply hello = http_exchange(web.port(), "GET", "/hello?x=1");
  EXPECT_EQ(hello.status, 200);
  EXPECT_EQ(hello.header("Content-Type"), "application/json");
  EXPECT_EQ(hello.body, R"({"hello": "world", "query": "x=1"})");

  http_reply echo = http_exchange(web.port(), "POST", "/echo", "some body", {{"X-Test", "seen"}});
  EXPECT_EQ(echo.status, 201);
  EXPECT_EQ(echo.header("X-Seen-Header"), "seen");
  EXPECT_EQ(echo.body, "some body");

  EXPECT_EQ(http_exchange(web.port(), "GET", "/files/a/b.csv").body, "path\n/files/a/b.csv\n");
  EXPECT_EQ(http_exchange(web.port(), "GET", "/filesystem").status, 404) << "a prefix matches whole segments";
  EXPECT_EQ(http_exchange(web.port(), "POST", "/hello").status, 404) << "methods are matched";

  EXPECT_EQ(http_exchange(web.port(), "GET", "/boom").status, 500);
  EXPECT_TRUE(web.process().wait_for_stderr(
      "web route GET /boom (io.locustpp.tests.web_routes) failed: the route broke on purpose", 5s))
      << web.process().stderr_text();
  EXPECT_EQ(http_exchange(web.port(), "GET", "/hello").status, 200) << "the server keeps serving";
}

TEST(WebUi, BasePathPrefixesEveryRoute) {
  demo_target target;
  web_run web(test_plugin("web_routes"), target.url(), {"--web-base-path", "/locust/"});
  EXPECT_EQ(http_exchange(web.port(), "GET", "/locust/stats/requests").status, 200);
  EXPECT_EQ(http_exchange(web.port(), "GET", "/stats/requests").status, 404);
  EXPECT_EQ(http_exchange(web.port(), "GET", "/locust/hello").status, 200);
  http_reply page = http_exchange(web.port(), "GET", "/locust");
  EXPECT_EQ(page.status, 200);
  EXPECT_EQ(page.header("Content-Type"), "text/html; charset=utf-8");
  EXPECT_NE(page.body.find(R"("base_path":"/locust")"), std::string::npos);
  EXPECT_NE(page.body.find(R"("host":")" + target.url()), std::string::npos);
}

TEST(WebUi, AutostartRunsTheTestAndAutoquitEndsTheProcess) {
  demo_target target;
  web_run web(test_plugin("web_routes"), target.url(),
              {"--autostart", "-u", "2", "-r", "10", "-t", "2s", "--autoquit", "1"});
  EXPECT_EQ(view(web.port()).state, "running");
  EXPECT_EQ(web.process().wait(20s), 0) << web.process().stderr_text();
  std::string err = web.process().stderr_text();
  EXPECT_NE(err.find("Quitting in 1 seconds (--autoquit)"), std::string::npos) << err;
}

TEST(WebUi, AWebPortInUseIsAClearError) {
  demo_target target;
  child_process run({std::string(bin_dir) + "/locustpp", "-f", test_plugin("web_routes"), "-H", target.url(), "-P",
                     std::to_string(target.port())});
  EXPECT_EQ(run.wait(15s), 1);
  std::string expected = "locustpp: error: cannot serve the web UI on 127.0.0.1:" + std::to_string(target.port()) +
                         ": Address already in use (another program on that port? try -P)";
  EXPECT_NE(run.stderr_text().find(expected), std::string::npos) << run.stderr_text();
}

}  // namespace

namespace {

std::string cookie_from(const http_reply& reply, const std::string& name) {
  std::size_t at = reply.head.find("Set-Cookie: " + name + "=");
  if (at == std::string::npos) return "";
  std::size_t start = at + 12;
  return reply.head.substr(start, reply.head.find(';', start) - start);
}

TEST(WebLogin, WebAuthProtectsEveryRouteAndScriptsMayUseBasicAuth) {
  demo_target target;
  web_run web(test_plugin("web_routes"), target.url(), {"--web-auth", "admin:s3cret"});
  for (const char* path : {"/stats/requests", "/assets/app.js", "/hello", "/stats/requests/csv", "/stop"}) {
    http_reply refused = http_exchange(web.port(), "GET", path);
    EXPECT_EQ(refused.status, 401) << path;
    EXPECT_EQ(refused.header("Content-Type"), "application/json") << "an API call gets 401, not the page: " << path;
  }
  EXPECT_EQ(http_post_form(web.port(), "/swarm", "user_count=1&spawn_rate=1").status, 401);
  http_reply page = http_exchange(web.port(), "GET", "/");
  EXPECT_EQ(page.status, 302);
  EXPECT_EQ(page.header("Location"), "/login");

  // HTTP Basic, as scripts written for Locust 2.12's --web-auth send it.
  EXPECT_EQ(
      http_exchange(web.port(), "GET", "/stats/requests", "", {{"Authorization", "Basic YWRtaW46czNjcmV0"}}).status,
      200);
  EXPECT_EQ(
      http_exchange(web.port(), "GET", "/stats/requests", "", {{"Authorization", "Basic YWRtaW46d3Jvbmc="}}).status,
      401);

  // The login form: a wrong password comes back with a message, the right one with a signed session cookie.
  http_reply wrong = http_post_form(web.port(), "/login", "username=admin&password=nope");
  EXPECT_EQ(wrong.status, 302);
  EXPECT_EQ(wrong.header("Location"), "/login");
  EXPECT_EQ(cookie_from(wrong, "locustpp_session"), "");
  std::string message = cookie_from(wrong, "locustpp_login_message");
  http_reply login_page = http_exchange(web.port(), "GET", "/login", "", {{"Cookie", message}});
  EXPECT_NE(login_page.body.find("Invalid username or password"), std::string::npos) << login_page.body;
  EXPECT_NE(login_page.body.find("action=\"/login\""), std::string::npos);

  http_reply right = http_post_form(web.port(), "/login", "username=admin&password=s3cret");
  EXPECT_EQ(right.status, 302);
  EXPECT_EQ(right.header("Location"), "/");
  std::string session = cookie_from(right, "locustpp_session");
  ASSERT_FALSE(session.empty()) << right.head;
  EXPECT_NE(right.head.find("HttpOnly"), std::string::npos);
  EXPECT_NE(right.head.find("SameSite=Strict"), std::string::npos);
  EXPECT_EQ(http_exchange(web.port(), "GET", "/stats/requests", "", {{"Cookie", session}}).status, 200);
  EXPECT_EQ(http_exchange(web.port(), "GET", "/hello", "", {{"Cookie", session}}).status, 200);
  EXPECT_EQ(http_exchange(web.port(), "GET", "/", "", {{"Cookie", session}}).status, 200);

  std::string forged = session;
  forged[forged.size() - 1] = forged.back() == '0' ? '1' : '0';
  EXPECT_EQ(http_exchange(web.port(), "GET", "/stats/requests", "", {{"Cookie", forged}}).status, 401);
  std::string other_user = "locustpp_session=" + std::string("6576696c") + session.substr(session.find('.'));
  EXPECT_EQ(http_exchange(web.port(), "GET", "/stats/requests", "", {{"Cookie", other_user}}).status, 401)
      << "the signature covers the user";
  EXPECT_EQ(cookie_from(http_exchange(web.port(), "GET", "/logout"), "locustpp_session"), "locustpp_session=")
      << "logging out empties the cookie";
}

TEST(WebLogin, AModuleOffersTheLoginWithWebLogin) {
  demo_target target;
  web_run web(test_plugin("web_routes"), target.url(), {"--web-login"});
  http_reply page = http_exchange(web.port(), "GET", "/login");
  EXPECT_EQ(page.status, 200);
  EXPECT_NE(page.body.find("<title>Web routes test</title>"), std::string::npos);
  EXPECT_NE(page.body.find("action=\"/login_submit\""), std::string::npos) << page.body;
  EXPECT_NE(page.body.find("href=\"/login/sso\">Fake SSO</a>"), std::string::npos) << page.body;
  EXPECT_EQ(http_exchange(web.port(), "GET", "/hello").status, 401) << "module routes are behind the login too";

  http_reply wrong = http_post_form(web.port(), "/login_submit", "username=ann&password=guess");
  EXPECT_EQ(wrong.status, 302) << "the module's callback is reachable without a session";
  EXPECT_EQ(cookie_from(wrong, "locustpp_session"), "");
  http_reply told =
      http_exchange(web.port(), "GET", "/login", "", {{"Cookie", cookie_from(wrong, "locustpp_login_message")}});
  EXPECT_NE(told.body.find("id=\"login-message\">Wrong password</p>"), std::string::npos) << told.body;

  std::string session =
      cookie_from(http_post_form(web.port(), "/login_submit", "username=ann&password=letmein"), "locustpp_session");
  ASSERT_FALSE(session.empty());
  EXPECT_EQ(http_exchange(web.port(), "GET", "/hello", "", {{"Cookie", session}}).status, 200);
  std::string sso = cookie_from(http_exchange(web.port(), "GET", "/login/sso"), "locustpp_session");
  EXPECT_EQ(http_exchange(web.port(), "GET", "/stats/requests", "", {{"Cookie", sso}}).status, 200);
}

TEST(WebLogin, WebLoginWithoutAnyLoginOfferIsRefused) {
  child_process run({std::string(bin_dir) + "/locustpp", "-f", std::string(examples_dir) + "/quickstart.so", "-P", "0",
                     "--web-login"});
  EXPECT_EQ(run.wait(15s), 1);
  EXPECT_NE(run.stderr_text().find("--web-login: no module offers a login page"), std::string::npos)
      << run.stderr_text();
}

TEST(WebUi, ModuleTabsRowsAndDownloadsReachThePageAndTheApi) {
  demo_target target;
  web_run web(test_plugin("web_routes"), target.url(), {"--autostart", "-u", "2", "-r", "10"});
  ASSERT_TRUE(eventually([&] { return view(web.port()).requests >= 20; }));
  http_reply page = http_exchange(web.port(), "GET", "/");
  EXPECT_NE(page.body.find(R"("extended_tabs":[{"title":"Names","key":"names"}])"), std::string::npos);
  EXPECT_NE(page.body.find(R"("extended_tables":[{"key":"names","structure":[{"key":"name","title":"Name"})"),
            std::string::npos);
  EXPECT_NE(page.body.find(R"("extended_csv_files":[{"href":"/names/csv","title":"Names CSV"}])"), std::string::npos);

  rapidjson::Document report = get_json(web.port(), "/stats/requests");
  ASSERT_TRUE(report.HasMember("extended_stats"));
  const auto& names = report["extended_stats"][0];
  EXPECT_STREQ(names["key"].GetString(), "names");
  ASSERT_TRUE(names["data"].IsArray());
  ASSERT_GE(names["data"].Size(), 1u);
  EXPECT_GT(names["data"][0]["count"].GetUint64(), 0u);
  EXPECT_EQ(http_exchange(web.port(), "GET", "/names/csv").body.rfind("name,count\n", 0), 0u);

  http_exchange(web.port(), "GET", "/stop");
  ASSERT_TRUE(eventually([&] { return view(web.port()).state == "stopped"; }));
  http_exchange(web.port(), "GET", "/stats/reset");
  report = get_json(web.port(), "/stats/requests");
  EXPECT_EQ(report["extended_stats"][0]["data"].Size(), 0u) << "the module clears its rows on reset_stats";
}

}  // namespace

namespace {

TEST(HtmlReport, HtmlWritesOneFileThatNeedsNothingElse) {
  demo_target target;
  auto dir = make_temp_dir("locustpp-html");
  std::string path = (dir / "report.html").string();
  run_result result = run_locustpp(
      {"-f", test_plugin("web_routes"), "-H", target.url(), "-u", "2", "-r", "10", "-t", "2s", "--html", path}, 30);
  ASSERT_EQ(result.exit_code, 0) << result.err;
  EXPECT_NE(result.err.find("HTML report written to " + path), std::string::npos);
  std::string html = read_file(path);
  EXPECT_EQ(html.rfind("<!doctype html>", 0), 0u);
  EXPECT_NE(html.find(R"(window.templateArgs = {"is_report":true)"), std::string::npos);
  EXPECT_NE(html.find(R"("name":"/item")"), std::string::npos) << "the statistics are in the file";
  EXPECT_NE(html.find(R"("history":[{"response_time_percentile_0.5":[)"), std::string::npos)
      << "a chart point at the stop, even for a 2 s test";
  EXPECT_NE(html.find(R"("extended_tabs":[{"title":"Names","key":"names"}])"), std::string::npos);
  EXPECT_NE(html.find(R"("key":"names","data":[)"), std::string::npos) << "with the module's rows";
  EXPECT_NE(html.find("u-legend"), std::string::npos) << "the charts' script and style are inline";
  EXPECT_EQ(html.find("<script src="), std::string::npos) << "nothing loads from elsewhere";
  EXPECT_EQ(html.find("<link "), std::string::npos);
}

TEST(HtmlReport, AnHtmlFileThatCannotBeWrittenIsRefusedBeforeTheTest) {
  auto dir = make_temp_dir("locustpp-html");
  std::string not_a_folder = (dir / "file").string();
  std::ofstream(not_a_folder) << "x";
  run_result result = run_locustpp(
      {"-f", test_plugin("web_routes"), "-u", "1", "-t", "1s", "--html", not_a_folder + "/report.html"}, 30);
  EXPECT_EQ(result.exit_code, 1);
  EXPECT_NE(result.err.find("cannot write " + not_a_folder + "/report.html: Not a directory"), std::string::npos)
      << result.err;
  EXPECT_EQ(result.err.find("Starting Locust"), std::string::npos) << "refused before the test";
}

TEST(HtmlReport, TheWebUiServesItWithDownloadAndTheme) {
  demo_target target;
  web_run web(test_plugin("web_routes"), target.url(), {"--autostart", "-u", "1", "-r", "10"});
  ASSERT_TRUE(eventually([&] { return view(web.port()).requests >= 5; }));
  http_reply shown = http_exchange(web.port(), "GET", "/stats/report?theme=dark");
  EXPECT_EQ(shown.status, 200);
  EXPECT_EQ(shown.header("Content-Disposition"), "");
  EXPECT_NE(shown.body.find(R"("theme":"dark")"), std::string::npos);
  http_reply downloaded = http_exchange(web.port(), "GET", "/stats/report?download=1");
  EXPECT_EQ(downloaded.header("Content-Disposition").rfind("attachment;filename=Locust_", 0), 0u) << downloaded.head;
  EXPECT_NE(downloaded.header("Content-Disposition").find(".html"), std::string::npos);
}

}  // namespace

namespace {

TEST(WebUi, UserRouteChangesAClassForTheNextTest) {
  demo_target target;
  web_run web(test_plugin("web_routes"), target.url());
  http_reply changed = http_exchange(web.port(), "POST", "/user", R"({"user_class_name": "Other", "weight": 3})",
                                     {{"Content-Type", "application/json"}});
  EXPECT_EQ(changed.status, 201);
  EXPECT_EQ(changed.body, "{}");
  rapidjson::Document tasks = get_json(web.port(), "/tasks");
  EXPECT_DOUBLE_EQ(tasks["per_class"]["Other"]["ratio"].GetDouble(), 0.75);

  http_reply unknown = http_exchange(web.port(), "POST", "/user", R"({"user_class_name": "Nope"})");
  EXPECT_EQ(unknown.status, 400);
  EXPECT_NE(unknown.body.find("Nope"), std::string::npos) << unknown.body;

  ASSERT_TRUE(json_of(http_post_form(web.port(), "/swarm", "user_count=4&spawn_rate=100"))["success"].GetBool());
  ASSERT_TRUE(eventually([&] { return view(web.port()).users == 4; }));
  // The current ratio follows the users running: 3 Other, 1 Browser.
  tasks = get_json(web.port(), "/tasks");
  EXPECT_DOUBLE_EQ(tasks["per_class"]["Other"]["ratio"].GetDouble(), 0.75);
  EXPECT_DOUBLE_EQ(tasks["per_class"]["Browser"]["ratio"].GetDouble(), 0.25);
  ASSERT_TRUE(json_of(http_post_form(web.port(), "/swarm", "user_count=1&spawn_rate=100"))["success"].GetBool());
  ASSERT_TRUE(eventually([&] { return view(web.port()).users == 1; }));
  tasks = get_json(web.port(), "/tasks");
  EXPECT_DOUBLE_EQ(
      tasks["per_class"]["Other"]["ratio"].GetDouble() + tasks["per_class"]["Browser"]["ratio"].GetDouble(), 1.0);
  EXPECT_TRUE(tasks["per_class"]["Other"]["ratio"].GetDouble() == 1.0 ||
              tasks["per_class"]["Browser"]["ratio"].GetDouble() == 1.0)
      << "one user left: its class has the whole ratio";
  http_reply busy = http_exchange(web.port(), "POST", "/user", R"({"user_class_name": "Other", "weight": 1})");
  EXPECT_EQ(busy.status, 400);
  EXPECT_NE(busy.body.find("stop the test first"), std::string::npos);
}

}  // namespace

namespace {

TEST(WebUi, TlsCertAndKeyServeTheUiOverHttps) {
  demo_target target;
  tls_certificate certificate = make_self_signed_certificate();
  child_process run({std::string(bin_dir) + "/locustpp", "-f", test_plugin("web_routes"), "-H", target.url(), "-P", "0",
                     "--tls-cert", certificate.cert_file, "--tls-key", certificate.key_file, "--web-auth", "a:b"});
  const std::string announced = "Starting web interface at https://127.0.0.1:";
  ASSERT_TRUE(run.wait_for_stderr(announced, 10s)) << run.stderr_text();
  std::string err = run.stderr_text();
  std::string port = std::to_string(std::atoi(err.c_str() + err.find(announced) + announced.size()));
  rapidjson::Document report;
  report.Parse(curl_get_body("https://a:b@127.0.0.1:" + port + "/stats/requests").c_str());
  ASSERT_TRUE(report.IsObject()) << "curl over HTTPS";
  EXPECT_STREQ(report["state"].GetString(), "ready");
  EXPECT_EQ(http_exchange(std::atoi(port.c_str()), "GET", "/stats/requests").status, 0) << "no plain HTTP on it";
  // Over HTTPS the session cookie is Secure.
  std::string headers;
  std::string command = "curl -sk -o /dev/null -D - -d 'username=a&password=b' https://127.0.0.1:" + port + "/login";
  if (FILE* pipe = ::popen(command.c_str(), "r")) {
    char buffer[4096];
    std::size_t got = 0;
    while ((got = std::fread(buffer, 1, sizeof(buffer), pipe)) > 0) headers.append(buffer, got);
    ::pclose(pipe);
  }
  EXPECT_NE(headers.find("locustpp_session="), std::string::npos) << headers;
  EXPECT_NE(headers.find("; Secure"), std::string::npos) << headers;
  run.signal(SIGINT);
  EXPECT_EQ(run.wait(15s), 0);
}

TEST(WebUi, TlsCertWithoutKeyIsRefused) {
  tls_certificate certificate = make_self_signed_certificate();
  child_process run({std::string(bin_dir) + "/locustpp", "-f", test_plugin("web_routes"), "-P", "0", "--tls-cert",
                     certificate.cert_file});
  EXPECT_EQ(run.wait(15s), 1);
  EXPECT_NE(run.stderr_text().find("--tls-cert and --tls-key go together"), std::string::npos) << run.stderr_text();
}

}  // namespace

namespace {

TEST(WebUi, ARouteGroupServesItsRoutesAndStaticFilesUnderItsPrefix) {
  demo_target target;
  web_run web(test_plugin("web_routes"), target.url(),
              {"--static-dir", std::string(source_dir) + "/tests/integration/static", "--web-base-path", "/base"});
  EXPECT_EQ(http_exchange(web.port(), "GET", "/base/group/hello").body, "group hello at /group/hello");
  http_reply css = http_exchange(web.port(), "GET", "/base/group/static/style.css");
  EXPECT_EQ(css.status, 200);
  EXPECT_EQ(css.header("Content-Type"), "text/css");
  EXPECT_EQ(css.body, "body { color: teal; }\n");
  EXPECT_EQ(http_exchange(web.port(), "GET", "/base/group/static/page.html").header("Content-Type"),
            "text/html; charset=utf-8");
  EXPECT_EQ(http_exchange(web.port(), "GET", "/base/group/static/missing.css").status, 404);
  EXPECT_EQ(http_exchange(web.port(), "GET", "/base/group/static/../web_ui_test.cpp").status, 404)
      << "no way out of the folder";
  EXPECT_EQ(http_exchange(web.port(), "GET", "/base/group/static/%2e%2e/web_ui_test.cpp").status, 404);
}

}  // namespace

namespace {

TEST(WebUi, ExposedWithoutLoginIsAWarningNamingTheFix) {
  demo_target target;
  child_process run({std::string(bin_dir) + "/locustpp", "-f", test_plugin("web_routes"), "-H", target.url(), "-P", "0",
                     "--web-host", "0.0.0.0"});
  EXPECT_TRUE(
      run.wait_for_stderr("accepts connections from other machines, and anyone who reaches it can start a "
                          "load test: protect it with --web-auth username:password or --web-login",
                          10s))
      << run.stderr_text();
  run.signal(SIGINT);
  EXPECT_EQ(run.wait(15s), 0);
  child_process loopback(
      {std::string(bin_dir) + "/locustpp", "-f", test_plugin("web_routes"), "-H", target.url(), "-P", "0"});
  ASSERT_TRUE(loopback.wait_for_stderr("Starting web interface at http://127.0.0.1:", 10s));
  EXPECT_EQ(loopback.stderr_text().find("accepts connections from other machines"), std::string::npos)
      << "loopback is the default, and needs no warning";
  loopback.signal(SIGINT);
  EXPECT_EQ(loopback.wait(15s), 0);
}

}  // namespace
