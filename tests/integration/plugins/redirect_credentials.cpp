// Test plugin for the redirect credential tests: one user that follows the
// demo target's /redirect-to from its host (-H, 127.0.0.1) to /echo on the
// same origin, on the same address at another port (--other-port-origin),
// on another address (--other-host-origin), and there and back, with an
// Authorization, a Proxy-Authorization and a Cookie header of its own, or
// with user:password in its URL. It prints what the last server got, one
// line per request, for the test to read: "SEEN <label> <the /echo JSON>".
// The jar holds first=1 for the host's address and second=2 for the other
// address, so a redirect shows which cookies the jar chose.
#include <locustpp/locustpp.hpp>

#include <cctype>
#include <cstdio>
#include <string>

namespace {

std::string option_text(std::string_view name) {
  return std::string(locustpp::option(name));
}

// For a URL inside a query value.
std::string percent_encoded(std::string_view text) {
  static constexpr char digits[] = "0123456789ABCDEF";
  std::string out;
  for (const char c : text) {
    const auto byte = static_cast<unsigned char>(c);
    if (std::isalnum(byte) || c == '-' || c == '.' || c == '_' || c == '~') {
      out += c;
    } else {
      out += '%';
      out += digits[byte >> 4];
      out += digits[byte & 0xF];
    }
  }
  return out;
}

void print_seen(const std::string& label, const locustpp::response& r) {
  std::string body(r.text());
  if (!body.empty() && body.back() == '\n') body.pop_back();
  std::printf("SEEN %s %s\n", label.c_str(), body.c_str());
  std::fflush(stdout);
}

struct credentials_user : locustpp::http_user {
  std::string home = option_text("host");  // http://127.0.0.1:PORT
  std::string other_port = option_text("other-port-origin");
  std::string other_host = option_text("other-host-origin");

  locustpp::task<> on_start() {
    co_await client.get("/cookies/set?first=1");
    co_await client.get(other_host + "/cookies/set?second=2");
  }

  // GET `from`/redirect-to?url=`location` with the user's own credentials
  // (or none: then only what the URL and the jar give).
  locustpp::task<> follow(std::string label, std::string from, std::string location, bool own_credentials) {
    locustpp::request_options options{.name = label};
    if (own_credentials) {
      options.headers = {{"Authorization", "Bearer secret"},
                         {"Proxy-Authorization", "Basic cHJveHk="},
                         {"Cookie", "explicit=1"},
                         {"X-Kept", "yes"}};
    }
    auto r = co_await client.get(from + "/redirect-to?url=" + percent_encoded(location), options);
    print_seen(label, r);
  }

  locustpp::task<> redirects() {
    locustpp::request_options direct{.name = "direct"};
    direct.headers = {{"Authorization", "Bearer secret"},
                      {"Proxy-Authorization", "Basic cHJveHk="},
                      {"Cookie", "explicit=1"},
                      {"X-Kept", "yes"}};
    auto r = co_await client.get("/echo", direct);
    print_seen("direct", r);

    co_await follow("same-origin", home, "/echo", true);
    co_await follow("same-origin-absolute", home, home + "/echo", true);
    co_await follow("other-port", home, other_port + "/echo", true);
    co_await follow("other-host", home, other_host + "/echo", true);
    co_await follow("there-and-back", home, other_host + "/redirect-to?url=" + percent_encoded(home + "/echo"), true);

    const std::string with_password = "http://alice:pw@" + home.substr(std::string_view("http://").size());
    co_await follow("url-credentials-same-origin", with_password, "/echo", false);
    co_await follow("url-credentials-other-host", with_password, other_host + "/echo", false);
  }
};

}  // namespace

LOCUSTPP_MODULE("dev.locustpp.tests.redirect_credentials", "Redirect credentials", "1.0.0",
                "Prints the headers /echo got after redirects to the same and to other origins") {
  module.argument({.name = "--other-port-origin", .default_value = "", .help = "the host's address, another port"});
  module.argument({.name = "--other-host-origin", .default_value = "", .help = "another address"});
  module.user<credentials_user>("Credentials").task("redirects", &credentials_user::redirects);
}
