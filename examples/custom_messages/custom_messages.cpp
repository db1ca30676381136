// Custom messages between master and workers (Locust's
// examples/custom_messages.py): when a test starts, the master splits a list
// of test users evenly over its workers, each worker thanks the master for
// its share, and the users log in as those test users. Alone (no master),
// the process sends the whole list to itself.
// Build: locustpp_add_plugin(custom_messages custom_messages.cpp)
// Run:   locustpp -f custom_messages.so --master --headless -u 4 -t 10s --expect-workers 2 -H http://127.0.0.1:8080
//        locustpp -f custom_messages.so --worker     (twice)
#include <locustpp/locustpp.hpp>

#include <atomic>
#include <cstdio>
#include <mutex>
#include <string>
#include <vector>

namespace {

std::mutex lock;
std::vector<std::string> usernames;  // this process's share of the test users
std::atomic<std::size_t> next_username{0};

void say(const std::string& line) {
  std::puts(line.c_str());
  std::fflush(stdout);
}

// A worker (or a single process) receives its test users.
void setup_test_users(const locustpp::message& message) {
  std::string names;
  {
    std::lock_guard guard(lock);
    for (const locustpp::value& user : message.data.items()) {
      usernames.emplace_back(user["name"].text());
      names += (names.empty() ? "" : ", ") + usernames.back();
    }
  }
  say("received " + std::to_string(message.data.size()) + " test users: " + names);
  locustpp::send_message("acknowledge_users", "Thanks for the " + std::to_string(message.data.size()) + " users!");
}

// The master (or a single process) hears from the workers.
void on_acknowledge(const locustpp::message& message) {
  say(std::string(message.data.text()));
}

void on_test_start() {
  auto environment = locustpp::env();
  if (environment.is_worker()) return;
  std::size_t count = std::stoul(std::string(environment.option("users")));
  locustpp::value users = locustpp::value::array();
  for (std::size_t i = 0; i < count; ++i) users.push(locustpp::value::map().set("name", "User" + std::to_string(i)));
  if (environment.is_local()) {
    locustpp::send_message("test_users", users);
    return;
  }
  // Evenly divided between the workers, so that each test user is used on one only.
  std::vector<std::string> workers = locustpp::worker_ids();
  std::size_t chunk = workers.empty() ? 0 : count / workers.size();
  for (std::size_t i = 0; i < workers.size(); ++i) {
    std::size_t end = i + 1 < workers.size() ? (i + 1) * chunk : count;
    locustpp::value share = locustpp::value::array();
    for (std::size_t j = i * chunk; j < end; ++j) share.push(users.items()[j]);
    locustpp::send_message("test_users", share, workers[i]);
  }
}

struct website_user : locustpp::http_user {
  locustpp::task<> index() {
    std::string name;
    {
      std::lock_guard guard(lock);
      if (!usernames.empty()) name = usernames[next_username++ % usernames.size()];
    }
    co_await client.get("/?user=" + name, {.name = "/?user=[name]"});
  }
};

}  // namespace

LOCUSTPP_MODULE("io.locustpp.examples.custom_messages", "Custom messages", "1.0.0",
                "The master hands each worker its own test users") {
  // At init the process knows what it is (a --processes child becomes a worker after loading).
  module.on_init([] {
    auto environment = locustpp::env();
    if (!environment.is_master()) locustpp::register_message("test_users", setup_test_users);
    if (!environment.is_worker()) locustpp::register_message("acknowledge_users", on_acknowledge);
  });
  module.on_test_start(on_test_start);
  module.user<website_user>("WebsiteUser").wait_time(locustpp::constant(0.1)).task("index", &website_user::index);
}
