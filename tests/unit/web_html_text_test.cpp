// html_text: text written into the HTML the web UI serves (the page, the
// report, the login page), escaped for elements and attributes or made safe
// inside an inline <script>.
#include "web/html_text.hpp"

#include <gtest/gtest.h>
#include <rapidjson/document.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <algorithm>
#include <cctype>
#include <string>

#include "web/embedded_assets.hpp"

namespace locustpp::web {
namespace {

std::string lowered(std::string_view text) {
  std::string out(text);
  std::transform(out.begin(), out.end(), out.begin(), [](unsigned char c) { return std::tolower(c); });
  return out;
}

TEST(HtmlEscape, EscapesAsPythonsHtmlEscape) {
  EXPECT_EQ(html_escape(R"(<a href="x">'&'</a>)"), "&lt;a href=&quot;x&quot;&gt;&#x27;&amp;&#x27;&lt;/a&gt;");
  EXPECT_EQ(html_escape("/plain/path"), "/plain/path");
}

TEST(HtmlText, ScriptSafeKeepsTheTextButNeverEndsTheElement) {
  EXPECT_EQ(script_safe(R"({"name": "</script><b>"})"), R"({"name": "<\/script><b>"})");
  EXPECT_EQ(script_safe("a < b / c"), "a < b / c");
}

TEST(HtmlText, JsonForScriptEscapesEveryMarkupCharacterAndKeepsTheValue) {
  // U+2028 and U+2029 in UTF-8, between markup that blanked the report.
  const std::string text = "<!--<script> & </script> \xE2\x80\xA8 \xE2\x80\xA9 > caf\xC3\xA9";
  rapidjson::Document original;
  original.SetObject();
  original.AddMember("message", rapidjson::Value(text.c_str(), original.GetAllocator()), original.GetAllocator());
  rapidjson::StringBuffer written;
  rapidjson::Writer<rapidjson::StringBuffer> writer(written);
  original.Accept(writer);

  const std::string safe = json_for_script(written.GetString());
  for (const char* never : {"<", ">", "&", "\xE2\x80\xA8", "\xE2\x80\xA9"}) {
    EXPECT_EQ(safe.find(never), std::string::npos) << never << " left in " << safe;
  }
  EXPECT_NE(safe.find(R"(\u003c!--\u003cscript\u003e \u0026 \u003c/script\u003e \u2028 \u2029 \u003e)"),
            std::string::npos)
      << safe;
  EXPECT_NE(safe.find("caf\xC3\xA9"), std::string::npos) << "other UTF-8 stays as written";

  rapidjson::Document read;
  read.Parse(safe.c_str());
  ASSERT_FALSE(read.HasParseError()) << safe;
  EXPECT_EQ(std::string(read["message"].GetString()), text) << "the escapes mean the same characters";
}

// The bundle is inlined into the report with script_safe, which only breaks
// "</": it must never hold the sequences that change how HTML reads a script.
TEST(HtmlText, TheBundleHasNothingThatEndsOrNestsAnInlineScript) {
  for (const char* name : {"app.js", "app.css"}) {
    const std::string bundle = lowered(embedded_asset(name));
    ASSERT_FALSE(bundle.empty()) << name;
    EXPECT_EQ(bundle.find("<!--"), std::string::npos) << name;
    EXPECT_EQ(bundle.find("<script"), std::string::npos) << name;
    EXPECT_EQ(lowered(script_safe(bundle)).find("</script"), std::string::npos) << name;
  }
}

}  // namespace
}  // namespace locustpp::web
