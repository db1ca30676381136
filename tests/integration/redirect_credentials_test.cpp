// A redirect keeps a request's credentials only where Python requests keeps
// them. Three demo targets: the user's host (127.0.0.1), the same address on
// another port, and another address (127.0.0.2). The host's /redirect-to
// sends the user (plugin redirect_credentials) to /echo on each, and /echo
// tells what arrived: the Authorization goes on only to the same origin (the
// header the plugin set, and the one user:password in the URL gives),
// Proxy-Authorization never, and the Cookie header the plugin set only to the
// same address; the jar's cookies go by their own domain wherever the
// redirect leads.
#include <gtest/gtest.h>
#include <rapidjson/document.h>

#include <cctype>
#include <cstdint>
#include <map>
#include <optional>
#include <string>

#include "demo_target.hpp"
#include "locustpp_run.hpp"
#include "output_text.hpp"

namespace locustpp::testing {
namespace {

using headers_seen = std::map<std::string, std::string>;  // lower-case name -> value

std::string lower(std::string text) {
  for (char& c : text) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return text;
}

// The plugin's "SEEN <label> <the /echo JSON>" lines, by label.
std::map<std::string, headers_seen> seen_by_label(const std::string& out) {
  std::map<std::string, headers_seen> seen;
  for (const std::string& line : lines_starting_with(out, "SEEN ")) {
    const std::size_t space = line.find(' ', 5);
    rapidjson::Document echo;
    echo.Parse(line.substr(space + 1).c_str());
    if (!echo.IsObject() || !echo.HasMember("headers")) continue;
    headers_seen& headers = seen[line.substr(5, space - 5)];
    for (const auto& header : echo["headers"].GetObject()) {
      headers[lower(header.name.GetString())] = header.value.GetString();
    }
  }
  return seen;
}

// nullopt: the header must not have arrived.
struct expected_headers {
  std::optional<std::string> authorization, proxy_authorization, cookie, x_kept;
};

void expect_seen(const std::map<std::string, headers_seen>& seen, const std::string& label,
                 const expected_headers& expected) {
  SCOPED_TRACE(label);
  auto found = seen.find(label);
  ASSERT_NE(found, seen.end()) << "no answer from /echo";
  const auto value = [&](const std::string& name) -> std::optional<std::string> {
    auto header = found->second.find(name);
    if (header == found->second.end()) return std::nullopt;
    return header->second;
  };
  EXPECT_EQ(value("authorization"), expected.authorization);
  EXPECT_EQ(value("proxy-authorization"), expected.proxy_authorization);
  EXPECT_EQ(value("cookie"), expected.cookie);
  EXPECT_EQ(value("x-kept"), expected.x_kept);
}

// Requests /echo answered, asked at the target's own address (curl).
std::uint64_t echo_count(const demo_target& target) {
  rapidjson::Document counters;
  counters.Parse(curl_get_body(target.url() + "/__counters").c_str());
  if (!counters.IsObject() || !counters.HasMember("by_path") || !counters["by_path"].HasMember("/echo")) return 0;
  return counters["by_path"]["/echo"].GetUint64();
}

TEST(RedirectAcrossOrigins, CredentialsGoOnlyWhereRequestsSendsThem) {
  demo_target home;
  demo_target other_port;
  demo_target other_host({"--bind", "127.0.0.2"});
  ASSERT_TRUE(starts_with(other_host.url(), "http://127.0.0.2:")) << other_host.url();
  run_result result = run_locustpp({"-f", test_plugin("redirect_credentials"), "--headless", "-u", "1", "-r", "10",
                                    "-i", "1", "-t", "20s", "-H", home.url(), "--other-port-origin", other_port.url(),
                                    "--other-host-origin", other_host.url(), "--only-summary"});
  ASSERT_EQ(result.exit_code, 0) << result.out << result.err;
  const auto seen = seen_by_label(result.out);
  EXPECT_EQ(seen.size(), 8u) << result.out;

  const std::string bearer = "Bearer secret", proxy = "Basic cHJveHk=", basic_alice = "Basic YWxpY2U6cHc=";
  // Without a redirect everything the plugin set arrives.
  expect_seen(seen, "direct", {bearer, proxy, "explicit=1", "yes"});
  // The same origin (relative or absolute Location): all but Proxy-Authorization.
  expect_seen(seen, "same-origin", {bearer, std::nullopt, "explicit=1", "yes"});
  expect_seen(seen, "same-origin-absolute", {bearer, std::nullopt, "explicit=1", "yes"});
  // Another port: no Authorization (requests compares ports); the Cookie
  // header stays, as a cookie of the address would.
  expect_seen(seen, "other-port", {std::nullopt, std::nullopt, "explicit=1", "yes"});
  // Another address: neither; the jar's cookie for that address instead.
  expect_seen(seen, "other-host", {std::nullopt, std::nullopt, "second=2", "yes"});
  // Back at the first origin after another: what was dropped stays dropped.
  expect_seen(seen, "there-and-back", {std::nullopt, std::nullopt, "first=1", "yes"});
  // user:password in the URL: Basic auth on the same origin only.
  expect_seen(seen, "url-credentials-same-origin", {basic_alice, std::nullopt, "first=1", std::nullopt});
  expect_seen(seen, "url-credentials-other-host", {std::nullopt, std::nullopt, "second=2", std::nullopt});

  EXPECT_EQ(echo_count(other_port), 1u) << "the redirects reached the other servers";
  EXPECT_EQ(echo_count(other_host), 2u);
  EXPECT_EQ(echo_count(home), 5u);
}

}  // namespace
}  // namespace locustpp::testing
