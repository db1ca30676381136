// Request context: name/value pairs attached to each request event, from
// three places (Locust's User.context(), the context= argument and
// response.request_meta["context"]):
//   1. the user's context() member, merged into every request it makes;
//   2. the request's own options.context, whose keys win over the user's;
//   3. add_context() on a catch_response response, before deciding.
// A request listener prints the merged context, sorted by key.
// Build: locustpp_add_plugin(request_context request_context.cpp)
// Run:   locustpp -f request_context.so --headless -u 2 -t 3s -H http://127.0.0.1:8080
//
// Prints e.g.
//   context of GET plain: source=user tier=basic user=user-1
//   context of GET tagged: page=home source=request status=200 tier=basic user=user-1
#include <locustpp/locustpp.hpp>

#include <algorithm>
#include <atomic>
#include <cstdio>
#include <string>
#include <utility>
#include <vector>

namespace {

std::atomic<int> users_created{0};

struct customer : locustpp::http_user {
  std::string id = "user-" + std::to_string(++users_created);

  // Merged into every request event of this user (keys of the request win).
  std::vector<std::pair<std::string, std::string>> context() {
    return {{"user", id}, {"tier", "basic"}, {"source", "user"}};
  }

  // Only the user's context.
  locustpp::task<> plain() { co_await client.get("/bytes/16", {.name = "plain"}); }

  // The request's own context, then one more key from the response.
  locustpp::task<> tagged() {
    // A named options object: GCC 12 rejects braced lists nested inside a
    // co_await expression.
    locustpp::request_options options{.name = "tagged", .catch_response = true};
    options.context = {{"source", "request"}, {"page", "home"}};
    auto r = co_await client.get("/", options);
    r.add_context("status", std::to_string(r.status()));
    if (r.status() == 200) r.success();
  }
};

void print_context(const locustpp_request_event& request) {
  std::vector<std::pair<std::string, std::string>> entries;
  for (std::uint32_t i = 0; i < request.context_count; ++i) {
    entries.emplace_back(locustpp::from_abi(request.context[i].key), locustpp::from_abi(request.context[i].value));
  }
  std::sort(entries.begin(), entries.end());
  std::string line = "context of " + std::string(locustpp::from_abi(request.request_type)) + " " +
                     std::string(locustpp::from_abi(request.name)) + ":";
  for (const auto& [key, value] : entries) line += " " + key + "=" + value;
  std::puts(line.c_str());  // one call per line: listeners run on several threads
  std::fflush(stdout);
}

}  // namespace

LOCUSTPP_MODULE("io.locustpp.examples.request_context", "Request context", "1.0.0",
                "Context from the user, the request and the response") {
  module.on_request(print_context);
  module.user<customer>("Customer")
      .host("http://127.0.0.1:8080")
      .wait_time(locustpp::between(0.2, 0.4))
      .task("plain", &customer::plain)
      .task("tagged", &customer::tagged);
}
