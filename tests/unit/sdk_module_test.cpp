// The SDK's declarations as the host receives them: a module committed to a
// fake registrar hands over user classes (with their task trees), listeners,
// arguments and web routes, and its trampolines turn exceptions into errors.
#include "locustpp/locustpp.hpp"

#include <gtest/gtest.h>

#include <cstddef>
#include <map>
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
  ASSERT_NE(behaviour.wait_time, nullptr);
  EXPECT_EQ(behaviour.wait_time->kind, LOCUSTPP_WAIT_BETWEEN);
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

// ---- a module in hosts of different ABI minors -----------------------------------

struct fake_host {
  locustpp_host_api table{};
  std::vector<std::string> logged;
  std::map<std::string, std::string> options;
  static fake_host* current;

  explicit fake_host(std::uint32_t minor) {
    table.abi_major = LOCUSTPP_ABI_MAJOR;
    table.abi_minor = minor;
    // A 1.0 host's table ends before the 1.1 services.
    table.struct_size = minor >= 1 ? sizeof(table) : offsetof(locustpp_host_api, worker_index);
    table.log = [](const locustpp_host_api*, std::int32_t, locustpp_string message) {
      current->logged.emplace_back(message.data, message.size);
    };
    table.option_value = [](locustpp_string name, std::uint32_t, locustpp_string* value) -> std::uint32_t {
      auto found = current->options.find(std::string(name.data, name.size));
      if (found == current->options.end()) return 0;
      *value = {found->second.data(), found->second.size()};
      return 1;
    };
    if (minor >= 1) table.worker_index = [] { return std::uint32_t{7}; };
    current = this;
    locustpp::detail::host_api = &table;
  }
  ~fake_host() { locustpp::detail::host_api = nullptr; }
};
fake_host* fake_host::current = nullptr;

locustpp::argument_spec grouped_argument() {
  locustpp::argument_spec spec;
  spec.name = "--region";
  spec.group = "Cloud settings";
  return spec;
}

TEST(SdkModule, ArgumentGroupsReachAHostThatKnowsThem) {
  fake_host host(1);
  locustpp::module module;
  module.argument(grouped_argument());
  collected got;
  module.commit(registrar_for(got));
  ASSERT_EQ(got.arguments.size(), 1u);
  EXPECT_EQ(got.arguments[0]->struct_size, sizeof(locustpp_argument));
  EXPECT_STREQ(got.arguments[0]->group, "Cloud settings");
  EXPECT_TRUE(host.logged.empty());
}

// A 1.1 feature in a 1.0 host: the module loads without the feature (a
// warning says so) instead of being refused for a struct the host does not know.
TEST(SdkModule, AnOlderHostGetsTheArgumentWithoutItsGroup) {
  fake_host host(0);
  locustpp::module module;
  module.argument(grouped_argument());
  collected got;
  module.commit(registrar_for(got));
  ASSERT_EQ(got.arguments.size(), 1u);
  EXPECT_EQ(got.arguments[0]->struct_size, offsetof(locustpp_argument, group)) << "the 1.0 size of the struct";
  EXPECT_EQ(got.arguments[0]->group, nullptr);
  ASSERT_EQ(host.logged.size(), 1u);
  EXPECT_EQ(host.logged[0],
            "this host (ABI 1.0) has no argument groups: --region is listed without its group 'Cloud "
            "settings'");
}

TEST(SdkModule, ServicesAppendedLaterAreOnlyCalledWhereTheHostHasThem) {
  {
    fake_host newer(1);
    EXPECT_EQ(locustpp::env().worker_index(), 7u);
  }
  fake_host older(0);
  EXPECT_EQ(locustpp::env().worker_index(), 0u) << "a 1.0 host has no worker_index entry";
  EXPECT_EQ(locustpp::extension("locustpp.web.v1"), nullptr) << "nor get_extension set in this fake";
}

TEST(SdkModule, TypedOptions) {
  fake_host host(1);
  host.options = {{"item-count", "42"}, {"ratio", "2.5"}, {"verbose", "true"}, {"name", "shop"}, {"bad", "4x"}};
  EXPECT_EQ(locustpp::option<int>("item-count"), 42);
  EXPECT_EQ(locustpp::option<double>("ratio"), 2.5);
  EXPECT_EQ(locustpp::option<bool>("verbose"), true);
  EXPECT_EQ(locustpp::option<std::string>("name"), "shop");
  EXPECT_EQ(locustpp::option<int>("unset"), std::nullopt);
  EXPECT_EQ(locustpp::option<int>("unset").value_or(10), 10);
  try {
    (void)locustpp::option<int>("bad");
    FAIL() << "'4x' read as an int";
  } catch (const std::invalid_argument& error) {
    EXPECT_STREQ(error.what(), "option --bad: '4x' is not a whole number in range");
  }
}

TEST(SdkModule, CommitNamesEveryDeclarationTheHostRefused) {
  locustpp::module module;
  module.user<visitor>("Visitor").task("browse", &visitor::browse);
  module.argument(grouped_argument());
  collected got;
  locustpp_registrar refusing = registrar_for(got);
  refusing.add_user_class = [](void*, const locustpp_user_class*) { return std::int32_t{LOCUSTPP_FAILED}; };
  refusing.add_argument = [](void*, const locustpp_argument*) { return std::int32_t{LOCUSTPP_FAILED}; };
  fake_host host(1);
  try {
    module.commit(refusing);
    FAIL() << "commit accepted refusals";
  } catch (const std::runtime_error& error) {
    EXPECT_STREQ(error.what(), "the host refused user class Visitor, argument --region");
  }
}

}  // namespace
