// class_book: the classes between tests — choosing classes by name, a new
// host for every class, /user changes (tasks chosen from the class as
// planned, never none), and -H winning over a class's host.
#include "control/class_book.hpp"

#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <vector>

namespace locustpp::control {
namespace {

runtime::planned_class planned(const std::string& name, const std::string& host, double weight) {
  runtime::planned_class result;
  result.model = std::make_unique<plugin::user_class_model>();
  result.model->name = name;
  result.model->host = host;
  result.model->weight = weight;
  result.model->behaviour.tasks.emplace_back().name = "browse";
  result.model->behaviour.tasks.emplace_back().name = "buy";
  if (!host.empty()) result.base = http::parse_absolute_url(host);
  return result;
}

runtime::test_plan two_classes() {
  runtime::test_plan plan;
  plan.classes.push_back(planned("Shopper", "http://127.0.0.1:8080", 3));
  plan.classes.push_back(planned("Admin", "", 1));
  return plan;
}

TEST(ClassBook, SelectsClassesByNameAndNamesAnUnknownOne) {
  class_book book(two_classes(), "");
  std::vector<bool> allowed;
  EXPECT_EQ(book.select({"Admin"}, allowed), "");
  EXPECT_EQ(allowed, (std::vector<bool>{false, true}));
  EXPECT_EQ(book.select({}, allowed), "");
  EXPECT_TRUE(allowed.empty()) << "no names: every class";
  EXPECT_EQ(book.select({"Nope"}, allowed), "unknown user class 'Nope'");
}

TEST(ClassBook, ANewHostRebasesEveryClassAndOldBasesStayReadable) {
  class_book book(two_classes(), "");
  const http::url* before = book.base(0);
  ASSERT_NE(before, nullptr);
  EXPECT_EQ(book.base(1), nullptr) << "Admin has no host of its own";
  EXPECT_EQ(book.use_host("not a url"), "invalid host 'not a url': use e.g. http://127.0.0.1:8080");
  EXPECT_EQ(book.host(), "") << "a refused host changes nothing";
  EXPECT_EQ(book.use_host("http://127.0.0.2:9000"), "");
  EXPECT_EQ(book.base(0)->host, "127.0.0.2");
  EXPECT_EQ(book.base(1)->port, 9000);
  EXPECT_EQ(before->host, "127.0.0.1") << "a user still holding the old base reads it unchanged";
  EXPECT_EQ(book.use_host(""), "");
  EXPECT_EQ(book.base(0)->host, "127.0.0.1") << "back to the class's own host";
  EXPECT_EQ(book.describe_host(), "the classes' own");
}

TEST(ClassBook, UpdateChangesOneClassAndTheGlobalHostStillWins) {
  class_book book(two_classes(), "");
  runtime::class_settings settings;
  settings.user_class = "Admin";
  settings.weight = 5;
  settings.host = "http://127.0.0.3:7000";
  settings.tasks = std::vector<std::string>{"buy"};
  EXPECT_EQ(book.update(settings), "");
  EXPECT_EQ(book.shares()[1].weight, 5);
  EXPECT_EQ(book.base(1)->host, "127.0.0.3");
  ASSERT_EQ(book.plan().classes[1].model->behaviour.tasks.size(), 1u);
  EXPECT_EQ(book.plan().classes[1].model->behaviour.tasks[0].name, "buy");

  class_book with_h(two_classes(), "http://127.0.0.9:1000");
  ASSERT_EQ(with_h.use_host("http://127.0.0.9:1000"), "");
  EXPECT_EQ(with_h.update(settings), "");
  EXPECT_EQ(with_h.base(1)->host, "127.0.0.9") << "-H wins over a class's host, as in Locust";
  settings.user_class = "Nope";
  EXPECT_EQ(book.update(settings), "unknown user class 'Nope'");
}

std::vector<std::string> task_names(const class_book& book, std::size_t index) {
  std::vector<std::string> names;
  for (const auto& task : book.plan().classes[index].model->behaviour.tasks) names.push_back(task.name);
  return names;
}

TEST(ClassBook, TasksComeFromTheClassAsPlannedSoADroppedTaskComesBack) {
  class_book book(two_classes(), "");
  runtime::class_settings settings;
  settings.user_class = "Shopper";
  settings.tasks = std::vector<std::string>{"buy"};
  ASSERT_EQ(book.update(settings), "");
  EXPECT_EQ(task_names(book, 0), (std::vector<std::string>{"buy"}));

  settings.tasks = std::vector<std::string>{"buy", "browse"};
  ASSERT_EQ(book.update(settings), "");
  EXPECT_EQ(task_names(book, 0), (std::vector<std::string>{"browse", "buy"})) << "in the planned order";

  runtime::class_settings weight_only;
  weight_only.user_class = "Shopper";
  weight_only.weight = 7;
  ASSERT_EQ(book.update(weight_only), "");
  EXPECT_EQ(task_names(book, 0), (std::vector<std::string>{"browse", "buy"})) << "no \"tasks\": tasks unchanged";
  EXPECT_EQ(book.shares()[0].weight, 7);
}

TEST(ClassBook, AnUpdateLeavingNoTaskIsRefusedAndChangesNothing) {
  class_book book(two_classes(), "");
  runtime::class_settings settings;
  settings.user_class = "Admin";
  settings.weight = 9;
  settings.tasks = std::vector<std::string>{};
  EXPECT_EQ(book.update(settings), "\"tasks\" leaves user class 'Admin' without tasks");
  EXPECT_EQ(task_names(book, 1), (std::vector<std::string>{"browse", "buy"}));
  EXPECT_EQ(book.shares()[1].weight, 1) << "nothing of a refused update is applied";
}

}  // namespace
}  // namespace locustpp::control
