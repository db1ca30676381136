// Test plugin for the HTML report: everything the report shows carries
// markup that once blanked it ("<!--<script>" and "</script>"): a request
// name, an exception's text, a tab's title, a column's title and its rows.
#include <locustpp/locustpp.hpp>

#include <stdexcept>
#include <string>

namespace {

constexpr const char* markup = "<!--<script>x</script>";

struct markup_user : locustpp::http_user {
  locustpp::task<> request_with_markup() {
    co_await client.get("/", {.name = std::string("/name") + markup});
    throw std::runtime_error(std::string("exception ") + markup + " & \xE2\x80\xA8 end");
  }
};

}  // namespace

LOCUSTPP_MODULE("io.locustpp.tests.report_markup", "ReportMarkup", "1.0.0", "Markup in every part of the report") {
  module.user<markup_user>("MarkupUser")
      .wait_time(locustpp::constant(0.05))
      .task("request_with_markup", &markup_user::request_with_markup);
  locustpp::web_ui::add_tab("markup", std::string("tab ") + markup, {{"value", std::string("column ") + markup}});
  locustpp::web_ui::publish_rows("markup",
                                 "[{\"value\":" + locustpp::web_ui::json_string(std::string("row ") + markup) + "}]");
}
