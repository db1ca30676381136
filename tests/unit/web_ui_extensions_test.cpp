// The JSON modules give the web UI (tab columns, rows, login offer) goes into
// pages and the HTML report as it is: bytes that are not UTF-8 in its strings
// are replaced when it is stored, so the page stays valid UTF-8.
#include "web/ui_extensions.hpp"

#include <gtest/gtest.h>
#include <rapidjson/document.h>

#include <string>

namespace locustpp::web {
namespace {

const std::string fffd = "\xEF\xBF\xBD";

bool strict_json(const std::string& text) {
  rapidjson::Document document;
  document.Parse<rapidjson::kParseValidateEncodingFlag>(text.c_str());
  return !document.HasParseError();
}

TEST(WebUiExtensions, ModuleJsonIsStoredAsValidUtf8) {
  ui_extensions extensions;
  ASSERT_EQ(extensions.add_tab("module", "tab", "Tab",
                               R"([{"key": "k", "title": "T)"
                               "\xFF"
                               R"("}])"),
            "");
  ASSERT_EQ(extensions.publish_rows("tab", R"([{"k": "a)"
                                           "\x80"
                                           "\xE2\x82"
                                           R"( b"}])"),
            "");
  ASSERT_EQ(extensions.set_login("mod", R"({"hint": ")"
                                        "\xC0\xAF"
                                        R"("})"),
            "");

  const std::string columns = extensions.tabs().at(0).columns_json;
  const std::string rows = extensions.rows().at("tab");
  const std::string login = extensions.auth_args_json();
  EXPECT_EQ(columns, R"([{"key": "k", "title": "T)" + fffd + R"("}])");
  EXPECT_EQ(rows, R"([{"k": "a)" + fffd + fffd + R"( b"}])");
  EXPECT_EQ(login, R"({"hint": ")" + fffd + fffd + R"("})");
  for (const std::string& json : {columns, rows, login}) EXPECT_TRUE(strict_json(json)) << json;
}

TEST(WebUiExtensions, ValidJsonIsKeptAsGiven) {
  ui_extensions extensions;
  const std::string columns = R"([{"key": "k", "title": "caf)"
                              "\xC3\xA9"
                              R"( \u001b"}])";
  ASSERT_EQ(extensions.add_tab("module", "tab", "", columns), "");
  EXPECT_EQ(extensions.tabs().at(0).columns_json, columns);
}

}  // namespace
}  // namespace locustpp::web
