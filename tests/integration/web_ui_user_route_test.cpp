// POST /user takes JSON text only: a body naming a file is refused without
// the file being opened (a FIFO would hang the control thread, a JSON file
// would be applied and its first key told back), whether the file exists or
// not. Tasks are chosen from the class as planned, so a task dropped by one
// call comes back with the next; a call leaving no task is refused.
#include <gtest/gtest.h>
#include <rapidjson/document.h>
#include <sys/stat.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "child_process.hpp"
#include "demo_target.hpp"
#include "http_exchange.hpp"
#include "locustpp_run.hpp"
#include "web_run.hpp"

namespace {

using namespace locustpp::testing;

http_reply post_user(int port, const std::string& body) {
  return http_exchange(port, "POST", "/user", body, {{"Content-Type", "application/json"}});
}

// The tasks /tasks shows for `user_class` (the plan, before any test).
std::vector<std::string> planned_tasks(int port, const std::string& user_class) {
  rapidjson::Document tasks = get_json(port, "/tasks");
  std::vector<std::string> names;
  for (const auto& task : tasks["per_class"][user_class.c_str()]["tasks"].GetObject()) {
    names.emplace_back(task.name.GetString());
  }
  return names;
}

TEST(WebUiUserRoute, ABodyNamingAFileIsRefusedWithoutOpeningIt) {
  const std::filesystem::path dir = make_temp_dir("locustpp-user-route");
  const std::string fifo = (dir / "users.json").string();
  ASSERT_EQ(::mkfifo(fifo.c_str(), 0600), 0);
  const std::string file = (dir / "weights.json").string();
  std::ofstream(file) << R"({"user_class_name": "Other", "weight": 3})";

  demo_target target;
  web_run web(test_plugin("web_routes"), target.url());
  auto asked = std::chrono::steady_clock::now();
  http_reply from_fifo = post_user(web.port(), fifo);
  EXPECT_LT(std::chrono::steady_clock::now() - asked, std::chrono::seconds(5)) << "the FIFO is never opened";
  EXPECT_EQ(from_fifo.status, 400);
  EXPECT_EQ(from_fifo.body, R"({"success": false, "message": "not valid JSON at offset 0: Invalid value."})");

  http_reply from_file = post_user(web.port(), file);
  EXPECT_EQ(from_file.status, 400);
  EXPECT_EQ(from_file.body, from_fifo.body) << "an existing file and a FIFO get the same answer";
  EXPECT_EQ(post_user(web.port(), (dir / "missing.json").string()).body, from_fifo.body)
      << "and so does a path to nothing: the answer tells nothing about the server's files";
  rapidjson::Document tasks = get_json(web.port(), "/tasks");
  EXPECT_DOUBLE_EQ(tasks["per_class"]["Other"]["ratio"].GetDouble(), 0.5) << "the file's weight was not applied";
  EXPECT_EQ(http_exchange(web.port(), "GET", "/hello").status, 200);
}

TEST(WebUiUserRoute, ADroppedTaskComesBackAndNoTaskAtAllIsRefused) {
  demo_target target;
  web_run web(test_plugin("web_routes"), target.url());
  ASSERT_EQ(planned_tasks(web.port(), "Browser"), (std::vector<std::string>{"index", "item"}));

  EXPECT_EQ(post_user(web.port(), R"({"user_class_name": "Browser", "tasks": ["index"]})").status, 201);
  EXPECT_EQ(planned_tasks(web.port(), "Browser"), (std::vector<std::string>{"index"}));
  EXPECT_EQ(post_user(web.port(), R"({"user_class_name": "Browser", "tasks": ["index", "item"]})").status, 201);
  EXPECT_EQ(planned_tasks(web.port(), "Browser"), (std::vector<std::string>{"index", "item"}))
      << "the task dropped by the first call is back";

  http_reply none = post_user(web.port(), R"({"user_class_name": "Browser", "weight": 5, "tasks": []})");
  EXPECT_EQ(none.status, 400);
  EXPECT_EQ(none.body, R"({"success": false, "message": "\"tasks\" leaves user class 'Browser' without tasks"})");
  EXPECT_EQ(planned_tasks(web.port(), "Browser"), (std::vector<std::string>{"index", "item"}));
  EXPECT_DOUBLE_EQ(get_json(web.port(), "/tasks")["per_class"]["Browser"]["ratio"].GetDouble(), 0.5)
      << "nothing of a refused call is applied";

  // The restored task runs.
  ASSERT_TRUE(json_of(http_post_form(web.port(), "/swarm", "user_count=2&spawn_rate=100"))["success"].GetBool());
  EXPECT_TRUE(eventually([&] { return served_requests(target, "/bytes/10") > 0; }));
}

}  // namespace
