// The HTML report holds whatever the data holds: a real run whose request
// name, exception, tab title, column and rows carry "<!--<script>" and
// "</script>" writes a report whose one data script keeps all of it as data.
// (tests/browser/html_report_browser.mjs opens the same report in Chromium.)
#include <gtest/gtest.h>
#include <rapidjson/document.h>

#include <string>

#include "child_process.hpp"
#include "demo_target.hpp"
#include "locustpp_run.hpp"

namespace {

using namespace locustpp::testing;

std::size_t count_of(const std::string& text, const std::string& part) {
  std::size_t count = 0;
  for (std::size_t at = text.find(part); at != std::string::npos; at = text.find(part, at + 1)) ++count;
  return count;
}

// Every string in `value`, one per line: what the page will show.
void collect_strings(const rapidjson::Value& value, std::string& into) {
  if (value.IsString()) into.append(value.GetString(), value.GetStringLength()).push_back('\n');
  if (value.IsArray()) {
    for (const auto& item : value.GetArray()) collect_strings(item, into);
  }
  if (value.IsObject()) {
    for (const auto& member : value.GetObject()) collect_strings(member.value, into);
  }
}

TEST(HtmlReport, MarkupInNamesExceptionsAndTabsStaysData) {
  demo_target target;
  auto dir = make_temp_dir("locustpp-html-markup");
  std::string path = (dir / "report.html").string();
  run_result result = run_locustpp(
      {"-f", test_plugin("report_markup"), "-H", target.url(), "-u", "1", "-r", "10", "-t", "2s", "--html", path}, 30);
  EXPECT_EQ(result.exit_code, 1) << "the task's exceptions make it a failed run, as in Locust\n" << result.err;
  std::string html = read_file(path);
  ASSERT_FALSE(html.empty()) << result.err;

  // The data script, the bundle's script and nothing else: no "<!--", and
  // only the two scripts' own ends.
  EXPECT_EQ(count_of(html, "<!--"), 0u);
  EXPECT_EQ(count_of(html, "<script>"), 2u);
  EXPECT_EQ(count_of(html, "</script>"), 2u);

  const std::string opening = "window.templateArgs = ";
  std::size_t start = html.find(opening);
  ASSERT_NE(start, std::string::npos);
  start += opening.size();
  std::size_t end = html.find(";</script>", start);
  ASSERT_NE(end, std::string::npos);
  rapidjson::Document args;
  args.Parse(html.substr(start, end - start).c_str());
  ASSERT_FALSE(args.HasParseError()) << "the escaped data is still JSON";
  std::string data;
  collect_strings(args, data);
  // Request names are HTML-escaped in the statistics, as Locust writes them (the page unescapes them).
  EXPECT_NE(data.find("/name&lt;!--&lt;script&gt;x&lt;/script&gt;\n"), std::string::npos) << data;
  for (const char* shown : {"exception <!--<script>x</script> & \xE2\x80\xA8 end", "tab <!--<script>x</script>\n",
                            "column <!--<script>x</script>\n", "row <!--<script>x</script>\n"}) {
    EXPECT_NE(data.find(shown), std::string::npos) << shown << " is in the report's data, as it was written";
  }
}

}  // namespace
