// Parametrizing a test through environment variables: one plugin, several
// targets, chosen when it is started (Locust: os.getenv in the locustfile).
//   TARGET_PATH  the path every user requests (default "/")
//   TARGET_WAIT  seconds between requests (default 0.5)
// Build: locustpp_add_plugin(env_parametrize env_parametrize.cpp)
// Run:   TARGET_PATH=/bytes/64 locustpp -f env_parametrize.so --headless -u 2 -t 3s -H http://127.0.0.1:8080
//
// Prints at start-up:
//   env_parametrize: users request /bytes/64 (from TARGET_PATH), waiting 0.5 s (default)
#include <locustpp/locustpp.hpp>

#include <cstdio>
#include <cstdlib>
#include <string>

namespace {

// Read once, in the module body: before options are parsed and before any
// user exists, so users read them without locking.
std::string target_path = "/";
double target_wait = 0.5;
const char* path_source = "default";
const char* wait_source = "default";

void read_environment() {
  if (const char* path = std::getenv("TARGET_PATH"); path != nullptr && *path != '\0') {
    target_path = path;
    path_source = "from TARGET_PATH";
  }
  if (const char* wait = std::getenv("TARGET_WAIT"); wait != nullptr && *wait != '\0') {
    char* end = nullptr;
    double seconds = std::strtod(wait, &end);
    if (end != wait && *end == '\0' && seconds >= 0) {
      target_wait = seconds;
      wait_source = "from TARGET_WAIT";
    }
  }
}

void print_choice() {
  std::printf("env_parametrize: users request %s (%s), waiting %g s (%s)\n", target_path.c_str(), path_source,
              target_wait, wait_source);
  std::fflush(stdout);
}

struct parametrized_user : locustpp::http_user {
  locustpp::task<> fetch() { co_await client.get(target_path); }
};

}  // namespace

LOCUSTPP_MODULE("io.locustpp.examples.env_parametrize", "Environment parametrize", "1.0.0",
                "Picks the requested path from the TARGET_PATH environment variable") {
  read_environment();
  module.on_init(print_choice);
  module.user<parametrized_user>("ParametrizedUser")
      .host("http://127.0.0.1:8080")
      .wait_time([](parametrized_user&) { return target_wait; })
      .task("fetch", &parametrized_user::fetch);
}
