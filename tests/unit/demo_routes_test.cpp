// Unit tests for the demo target's routes and helpers: requests are built by
// hand, so no sockets are involved.
#include <gtest/gtest.h>

#include <cstring>
#include <fstream>
#include <iterator>
#include <sstream>
#include <string>
#include <vector>

#include "json.hpp"
#include "options.hpp"
#include "routes.hpp"
#include "text_codec.hpp"

namespace demo_target {
namespace {

struct FakeRequest {
  std::string method = "GET";
  std::string target = "/";
  std::vector<HeaderView> headers;
  std::string body;
  std::string peer = "127.0.0.1";

  Request view() const {
    Request request;
    request.method = method;
    request.target = target;
    request.headers = headers;
    request.body = body;
    request.peer_address = peer;
    return request;
  }
};

Response get(ServerState& state, std::string target, std::vector<HeaderView> headers = {}) {
  FakeRequest request;
  request.target = std::move(target);
  request.headers = std::move(headers);
  return handle_request(request.view(), state);
}

Response post(ServerState& state, std::string target, std::string body, std::string content_type = "") {
  FakeRequest request;
  request.method = "POST";
  request.target = std::move(target);
  request.body = std::move(body);
  if (!content_type.empty()) request.headers.push_back({"Content-Type", content_type});
  // The views must outlive handle_request only; `request` lives until return.
  return handle_request(request.view(), state);
}

std::string header(const Response& response, std::string_view name) {
  std::string joined;
  for (const auto& [key, value] : response.extra_headers) {
    if (key == name) joined += (joined.empty() ? "" : "|") + value;
  }
  return joined;
}

TEST(DemoRoutes, HelloAndNotFound) {
  ServerState state;
  EXPECT_EQ(get(state, "/").body, "hello\n");
  EXPECT_EQ(get(state, "/?x=1").status, 200);
  EXPECT_EQ(get(state, "/nope").status, 404);
  EXPECT_EQ(get(state, "/nope").body, "not found\n");
}

TEST(DemoRoutes, Status) {
  ServerState state;
  EXPECT_EQ(get(state, "/status/418").status, 418);
  EXPECT_EQ(get(state, "/status/418").body, "status 418\n");
  EXPECT_EQ(get(state, "/status/204").body, "");
  EXPECT_EQ(get(state, "/status/101").status, 400);
  EXPECT_EQ(get(state, "/status/600").status, 400);
  EXPECT_EQ(get(state, "/status/abc").status, 400);
}

TEST(DemoRoutes, DelayBytesChunked) {
  ServerState state;
  EXPECT_EQ(get(state, "/delay/250").delay.count(), 250);
  EXPECT_EQ(get(state, "/delay/-1").status, 400);
  const Response bytes = get(state, "/bytes/100000");
  EXPECT_TRUE(bytes.generated_body);
  EXPECT_EQ(bytes.generated_size, 100000u);
  EXPECT_EQ(bytes.chunk_size, 0u);
  EXPECT_EQ(get(state, "/bytes/104857601").status, 400);
  EXPECT_EQ(get(state, "/chunked/10").chunk_size, 4096u);
  EXPECT_EQ(get(state, "/chunked/10?chunk=3").chunk_size, 3u);
  EXPECT_EQ(get(state, "/chunked/10?chunk=0").status, 400);
}

TEST(DemoRoutes, Redirects) {
  ServerState state;
  const Response hop = get(state, "/redirect/3");
  EXPECT_EQ(hop.status, 302);
  EXPECT_EQ(header(hop, "Location"), "/redirect/2");
  EXPECT_EQ(get(state, "/redirect/0").body, "redirected\n");
  const Response to = get(state, "/redirect-to?url=http%3A%2F%2Fexample.test%2Fa%3Fb%3D1&status=307");
  EXPECT_EQ(to.status, 307);
  EXPECT_EQ(header(to, "Location"), "http://example.test/a?b=1");
  EXPECT_EQ(get(state, "/redirect-to?url=/x&status=200").status, 400);
  EXPECT_EQ(get(state, "/redirect-to?url=%0D%0Aevil").status, 400);
}

TEST(DemoRoutes, Cookies) {
  ServerState state;
  const Response set = get(state, "/cookies/set?a=1&b=two");
  EXPECT_EQ(set.status, 200);
  EXPECT_EQ(header(set, "Set-Cookie"), "a=1; Path=/|b=two; Path=/");
  EXPECT_EQ(get(state, "/cookies/set?a=x%3By").status, 400);
  EXPECT_EQ(get(state, "/cookies/check?b=two", {{"Cookie", "a=1; b=two"}}).body, "ok\n");
  EXPECT_EQ(get(state, "/cookies/check?b=two", {{"Cookie", "a=1"}, {"cookie", "b=two"}}).status, 200);
  const Response missing = get(state, "/cookies/check?b=two", {{"Cookie", "b=three"}});
  EXPECT_EQ(missing.status, 401);
  EXPECT_EQ(missing.body, "missing cookie b\n");
}

TEST(DemoRoutes, Login) {
  ServerState state;
  const Response form = post(state, "/login", "username=ann&password=secret");
  EXPECT_EQ(form.status, 200);
  EXPECT_EQ(form.body, "{\"id\": 1, \"user\": \"ann\"}\n");
  EXPECT_EQ(header(form, "Set-Cookie"), "session=1; Path=/");
  const Response json =
      post(state, "/login", R"({"username": "b\"o", "password": "x", "extra": [1, {"a": null}]})", "application/json");
  EXPECT_EQ(json.body, "{\"id\": 2, \"user\": \"b\\\"o\"}\n");
  EXPECT_EQ(post(state, "/login", "username=ann&password=").status, 401);
  EXPECT_EQ(post(state, "/login", R"({"username": "ann"})", "application/json").body,
            "{\"error\": \"bad credentials\"}\n");
  EXPECT_EQ(post(state, "/login", "{not json", "application/json").status, 400);
  EXPECT_EQ(get(state, "/login").status, 405);
}

TEST(DemoRoutes, BasicAuth) {
  ServerState state;
  EXPECT_EQ(get(state, "/basic-auth/ann/pw", {{"Authorization", "Basic " + base64_encode("ann:pw")}}).status, 200);
  const Response denied = get(state, "/basic-auth/ann/pw", {{"Authorization", "Basic " + base64_encode("ann:no")}});
  EXPECT_EQ(denied.status, 401);
  EXPECT_FALSE(header(denied, "WWW-Authenticate").empty());
  EXPECT_EQ(get(state, "/basic-auth/ann/pw").status, 401);
}

TEST(DemoRoutes, CachedAnswersHitAndEveryFourthMiss) {
  ServerState state;
  std::string pattern;
  for (int i = 0; i < 8; ++i) {
    Response answer = get(state, "/cached/item-" + std::to_string(i));
    ASSERT_EQ(answer.extra_headers.size(), 1u);
    EXPECT_EQ(answer.extra_headers[0].first, "X-Cache");
    pattern += answer.extra_headers[0].second == "MISS" ? 'M' : 'H';
  }
  EXPECT_EQ(pattern, "MHHHMHHH");
  get(state, "/__counters/reset");
  EXPECT_EQ(get(state, "/cached/x").extra_headers[0].second, "MISS") << "the reset starts over";
}

TEST(DemoRoutes, FlakyIsDeterministic) {
  ServerState state;
  std::string pattern;
  for (int i = 0; i < 6; ++i) pattern += get(state, "/flaky?p=0.5").status == 500 ? 'F' : '.';
  EXPECT_EQ(pattern, ".F.F.F");

  get(state, "/__counters/reset");
  int failures = 0;
  for (int i = 0; i < 100; ++i) failures += get(state, "/flaky?p=0.29").status == 500;
  EXPECT_EQ(failures, 29);
  for (int i = 0; i < 10; ++i) EXPECT_EQ(get(state, "/flaky?p=0").status, 200);
  for (int i = 0; i < 10; ++i) EXPECT_EQ(get(state, "/flaky?p=1").status, 500);
  EXPECT_EQ(get(state, "/flaky?p=1.5").status, 400);
  EXPECT_EQ(get(state, "/flaky?p=abc").status, 400);
}

TEST(DemoRoutes, EchoEscapesJson) {
  ServerState state;
  FakeRequest request;
  request.method = "PUT";
  request.target = "/echo?q=1";
  request.headers = {{"X-A", "1"}, {"x-a", "2"}, {"Quote", "say \"hi\"\t"}};
  request.body = std::string("line\nbin\x01\xff\xc3\xa9", 12);
  const Response response = handle_request(request.view(), state);
  EXPECT_EQ(response.content_type, "application/json");
  EXPECT_EQ(response.body,
            "{\"method\": \"PUT\", \"target\": \"/echo?q=1\", \"headers\": {\"X-A\": \"1, 2\", "
            "\"Quote\": \"say \\\"hi\\\"\\t\"}, \"body\": \"line\\nbin\\u0001\\u00ff\xc3\xa9\"}\n");
}

TEST(DemoRoutes, ConnectionControl) {
  ServerState state;
  EXPECT_EQ(get(state, "/close").connection, ConnectionAction::close_after_response);
  EXPECT_EQ(get(state, "/drop").connection, ConnectionAction::drop_without_response);
  EXPECT_EQ(get(state, "/").connection, ConnectionAction::keep_alive_if_client_wants);
}

TEST(DemoRoutes, PeerAnswersTheClientAddress) {
  ServerState state;
  FakeRequest request;
  request.target = "/peer";
  request.peer = "127.0.0.7";
  EXPECT_EQ(handle_request(request.view(), state).body, "127.0.0.7");
}

TEST(DemoCounters, CountsAndResets) {
  Counters counters;
  counters.record("/", 200);
  counters.record("/", 200);
  counters.record("/status/500", 500);
  counters.record_unanswered("/drop");
  EXPECT_EQ(counters.to_json(),
            "{\"total\": 4, \"by_path\": {\"/\": 2, \"/drop\": 1, \"/status/500\": 1}, "
            "\"by_status\": {\"200\": 2, \"500\": 1}}\n");
  counters.reset();
  EXPECT_EQ(counters.to_json(), "{\"total\": 0, \"by_path\": {}, \"by_status\": {}}\n");

  ServerState state;
  EXPECT_FALSE(get(state, "/__counters").counted);
  EXPECT_FALSE(get(state, "/__counters/reset").counted);
}

TEST(DemoJson, ReadsStringMembers) {
  const auto members = parse_json_string_members(R"( {"a": "x\u00e9\ud83d\ude00", "n": -1.5e3, "b": "\/"} )");
  ASSERT_TRUE(members);
  EXPECT_EQ(members->at("a"), "x\xc3\xa9\xf0\x9f\x98\x80");
  EXPECT_EQ(members->at("b"), "/");
  EXPECT_EQ(members->count("n"), 0u);
  EXPECT_FALSE(parse_json_string_members(R"({"a": "x"} trailing)"));
  EXPECT_FALSE(parse_json_string_members(R"({"a": [1,}")"));
  EXPECT_FALSE(parse_json_string_members(std::string(200, '[')));
}

TEST(DemoText, Codecs) {
  EXPECT_EQ(base64_encode("ann:pw"), "YW5uOnB3");
  EXPECT_EQ(base64_encode("a"), "YQ==");
  EXPECT_EQ(base64_encode("ab"), "YWI=");
  EXPECT_EQ(percent_decode("a%20b+c%zz%4", true), "a b c%zz%4");
  EXPECT_EQ(percent_decode("a+b", false), "a+b");
  EXPECT_FALSE(parse_uint("12a", 100));
  EXPECT_FALSE(parse_uint("101", 100));
  EXPECT_EQ(parse_uint("100", 100), 100u);
}

TEST(DemoOptions, ParsesAndChecksLoopback) {
  const std::vector<const char*> args{"--port", "0", "--threads=4", "--quiet", "--bind", "::1"};
  const ParsedOptions parsed = parse_options(args);
  ASSERT_TRUE(parsed.options) << parsed.error;
  EXPECT_EQ(parsed.options->port, 0);
  EXPECT_EQ(parsed.options->threads, 4u);
  EXPECT_TRUE(parsed.options->quiet);
  EXPECT_EQ(parsed.options->bind_address, "::1");

  const std::vector<const char*> bad{"--tls-cert", "c.pem"};
  EXPECT_FALSE(parse_options(bad).options);
  const std::vector<const char*> unknown{"--frobnicate"};
  EXPECT_FALSE(parse_options(unknown).options);

  EXPECT_TRUE(is_loopback_address("127.0.0.1"));
  EXPECT_TRUE(is_loopback_address("127.1.2.3"));
  EXPECT_TRUE(is_loopback_address("::1"));
  EXPECT_TRUE(is_loopback_address("::ffff:127.0.0.1"));
  EXPECT_FALSE(is_loopback_address("0.0.0.0"));
  EXPECT_FALSE(is_loopback_address("::"));
  EXPECT_FALSE(is_loopback_address("10.0.0.1"));
  EXPECT_FALSE(is_loopback_address("example.com"));
}

}  // namespace
}  // namespace demo_target

namespace demo_target {
namespace {

// "  /status/N   ..." -> "/status/N"; empty for continuation lines.
std::string listed_path(const std::string& line) {
  if (line.rfind("  /", 0) != 0) return "";
  return line.substr(2, line.find(' ', 2) - 2);
}

// A request for a listed route, its placeholders filled in.
std::string example_target(std::string path) {
  if (auto optional = path.find('['); optional != std::string::npos) path.erase(optional);
  for (auto [placeholder, value] : {std::pair{"USER/PASS", "u/p"},
                                    {"status/N", "status/200"},
                                    {"/MS", "/1"},
                                    {"/N", "/3"},
                                    {"/ANY", "/x"},
                                    {"url=U", "url=/"},
                                    {"K=V", "a=b"}}) {
    if (auto at = path.find(placeholder); at != std::string::npos) path.replace(at, std::strlen(placeholder), value);
  }
  return path;
}

// --help and the README list the same routes, and each one listed is served.
TEST(DemoRoutes, EveryListedRouteIsServedAndDocumented) {
  std::string list(route_list());
  std::ifstream readme(std::string(LOCUSTPP_SOURCE_DIR) + "/README.md");
  std::string text((std::istreambuf_iterator<char>(readme)), std::istreambuf_iterator<char>());
  EXPECT_NE(text.find("```\n" + list + "```"), std::string::npos) << "README.md must hold the list as --help prints it";
  EXPECT_NE(usage("locustpp-demo-target").find(list), std::string::npos);
  std::istringstream lines(list);
  std::size_t routes = 0;
  for (std::string line; std::getline(lines, line);) {
    std::string path = listed_path(line);
    if (path.empty()) continue;
    ++routes;
    ServerState state;
    FakeRequest request;
    request.target = example_target(path);
    if (path == "/login") request.method = "POST", request.body = "username=a&password=b";
    Response answer = handle_request(request.view(), state);
    EXPECT_NE(answer.status, 404) << request.target;
    EXPECT_NE(answer.status, 400) << request.target;
  }
  EXPECT_EQ(routes, 19u);
}

}  // namespace
}  // namespace demo_target
