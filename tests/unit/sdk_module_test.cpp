// The SDK's declarations as the host receives them: a module committed to a
// fake registrar hands over user classes (with their task trees), listeners,
// arguments and web routes, and its trampolines turn exceptions into errors.
#include "locustpp/locustpp.hpp"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace {

struct collected {
  std::vector<const locustpp_user_class*> users;
  std::vector<std::pair<std::uint32_t, std::pair<locustpp_event_fn, void*>>> listeners;
  std::vector<const locustpp_argument*> arguments;
  std::vector<const locustpp_web_route*> routes;
};

locustpp_registrar registrar_for(collected& into) {
  locustpp_registrar table{};
  table.struct_size = sizeof(table);
  table.registrar_ctx = &into;
  table.add_user_class = [](void* ctx, const locustpp_user_class* user) {
    static_cast<collected*>(ctx)->users.push_back(user);
    return std::int32_t{LOCUSTPP_OK};
  };
  table.add_event_listener = [](void* ctx, std::uint32_t kind, locustpp_event_fn fn, void* fn_ctx) {
    static_cast<collected*>(ctx)->listeners.push_back({kind, {fn, fn_ctx}});
    return std::int32_t{LOCUSTPP_OK};
  };
  table.add_argument = [](void* ctx, const locustpp_argument* argument) {
    static_cast<collected*>(ctx)->arguments.push_back(argument);
    return std::int32_t{LOCUSTPP_OK};
  };
  table.add_web_route = [](void* ctx, const locustpp_web_route* route) {
    static_cast<collected*>(ctx)->routes.push_back(route);
    return std::int32_t{LOCUSTPP_OK};
  };
  return table;
}

struct inner : locustpp::task_set {
  locustpp::task<> step() { co_return; }
};
struct visitor : locustpp::http_user {
  locustpp::task<> on_start() { co_return; }
  locustpp::task<> browse() { co_return; }
};

TEST(SdkModule, HandsOverUserClassesWithTheirTaskTrees) {
  locustpp::module module;
  module.user<visitor>("Visitor")
      .weight(3)
      .host("http://127.0.0.1:1")
      .wait_time(locustpp::between(1, 2))
      .task("browse", &visitor::browse, 5, {"fast"})
      .task_set<inner>("inner", 2, [](auto& set) { set.sequential().task("step", &inner::step); });
  collected got;
  module.commit(registrar_for(got));
  ASSERT_EQ(got.users.size(), 1u);
  const auto& user = *got.users[0];
  EXPECT_STREQ(user.name, "Visitor");
  EXPECT_EQ(user.weight, 3);
  EXPECT_STREQ(user.host, "http://127.0.0.1:1");
  const auto& behaviour = *user.behaviour;
  EXPECT_EQ(behaviour.wait_time.kind, LOCUSTPP_WAIT_BETWEEN);
  EXPECT_NE(behaviour.on_start, nullptr) << "on_start found on the class";
  EXPECT_EQ(behaviour.on_stop, nullptr);
  ASSERT_EQ(behaviour.task_count, 2u);
  EXPECT_STREQ(behaviour.tasks[0].name, "browse");
  EXPECT_EQ(behaviour.tasks[0].weight, 5u);
  ASSERT_EQ(behaviour.tasks[0].tag_count, 1u);
  EXPECT_STREQ(behaviour.tasks[0].tags[0], "fast");
  ASSERT_NE(behaviour.tasks[1].task_set, nullptr);
  EXPECT_EQ(behaviour.tasks[1].task_set->sequential, 1u);
  EXPECT_EQ(behaviour.tasks[1].task_set->task_count, 1u);
}

TEST(SdkModule, ArgumentsCarryTheirFlags) {
  locustpp::module module;
  locustpp::argument_spec password;
  password.name = "--password";
  password.default_value = "hunter2";
  password.env_var = "PW";
  password.is_secret = true;
  password.is_required = true;
  module.argument(password);
  collected got;
  module.commit(registrar_for(got));
  ASSERT_EQ(got.arguments.size(), 1u);
  EXPECT_STREQ(got.arguments[0]->env_var, "PW");
  EXPECT_EQ(got.arguments[0]->flags, std::uint32_t{LOCUSTPP_ARG_SECRET | LOCUSTPP_ARG_REQUIRED});
}

TEST(SdkModule, ListenersAndRoutesTurnExceptionsIntoErrors) {
  locustpp::module module;
  module.on(LOCUSTPP_EVENT_TEST_START, [](const locustpp_event&) { throw std::runtime_error("listener broke"); });
  module.route("GET", "/extend", [](const locustpp::web_request& request, const locustpp::web_response& response) {
    if (request.query == "fail") throw std::runtime_error("route broke");
    response.status(201);
    response.write("hello ");
    response.write(request.path);
  });
  collected got;
  module.commit(registrar_for(got));

  char message[64];
  std::size_t size = 0;
  locustpp_error_buffer error{message, sizeof(message), &size};
  ASSERT_EQ(got.listeners.size(), 1u);
  locustpp_event event{sizeof(event), LOCUSTPP_EVENT_TEST_START, nullptr};
  auto [fn, ctx] = got.listeners[0].second;
  EXPECT_EQ(fn(ctx, &event, error), LOCUSTPP_FAILED);
  EXPECT_EQ(std::string(message, size), "listener broke");

  struct written {
    int status = 0;
    std::string body;
  } out;
  locustpp_web_response writer{};
  writer.struct_size = sizeof(writer);
  writer.writer_ctx = &out;
  writer.set_status = [](void* target, std::int32_t status) { static_cast<written*>(target)->status = status; };
  writer.add_header = [](void*, locustpp_string, locustpp_string) {};
  writer.append_body = [](void* target, locustpp_string bytes) {
    static_cast<written*>(target)->body.append(bytes.data, bytes.size);
  };
  ASSERT_EQ(got.routes.size(), 1u);
  const auto& route = *got.routes[0];
  locustpp_web_request request{};
  request.struct_size = sizeof(request);
  request.method = {"GET", 3};
  request.path = {"/extend", 7};
  EXPECT_EQ(route.handler(route.route_ctx, &request, &writer, error), LOCUSTPP_OK);
  EXPECT_EQ(out.status, 201);
  EXPECT_EQ(out.body, "hello /extend");
  request.query = {"fail", 4};
  EXPECT_EQ(route.handler(route.route_ctx, &request, &writer, error), LOCUSTPP_FAILED);
  EXPECT_EQ(std::string(message, size), "route broke");
}

}  // namespace
