// form_fields: the /swarm body and query strings, as browsers and urllib encode them.
#include "web/form_fields.hpp"

#include <gtest/gtest.h>

namespace locustpp::web {
namespace {

TEST(FormFields, DecodesPlusAndPercentEscapesAndKeepsRepeatedNames) {
  form_fields form("user_count=10&host=http%3A%2F%2F127.0.0.1%3A8080&user_classes=A&user_classes=B+C&empty=&flag");
  EXPECT_EQ(form.last("user_count"), "10");
  EXPECT_EQ(form.last("host"), "http://127.0.0.1:8080");
  EXPECT_EQ(form.all("user_classes"), (std::vector<std::string>{"A", "B C"}));
  EXPECT_EQ(form.last("empty"), "");
  EXPECT_EQ(form.last("flag"), "");
  EXPECT_FALSE(form.last("missing"));
}

TEST(FormFields, TheLastValueWinsAndBadEscapesStayAsWritten) {
  form_fields form("a=1&a=2&b=%zz%4&&c=%41");
  EXPECT_EQ(form.last("a"), "2");
  EXPECT_EQ(form.last("b"), "%zz%4");
  EXPECT_EQ(form.last("c"), "A");
  EXPECT_EQ(form.pairs().size(), 4u);
}

}  // namespace
}  // namespace locustpp::web
