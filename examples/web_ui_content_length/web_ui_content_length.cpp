// Extending the web UI (Locust's examples/extend_web_ui.py): a "Content
// Length" tab with the total response size per request name, a CSV of it
// under "Download data", and the sums cleared when the statistics are reset.
// Build: locustpp_add_plugin(web_ui_content_length web_ui_content_length.cpp)
// Run:   locustpp -f web_ui_content_length.so -H http://127.0.0.1:8080
//        then open http://127.0.0.1:8089, start a test, open "Content Length"
#include <locustpp/locustpp.hpp>

#include <cstdint>
#include <map>
#include <mutex>
#include <string>

namespace {

// Request listeners run on the users' threads: the sums are shared under a lock.
std::mutex lock;
std::map<std::string, std::uint64_t> content_length_by_name;

// Rows for the tab, from the sums; the caller holds the lock.
std::string rows_json() {
  std::string rows = "[";
  for (const auto& [name, length] : content_length_by_name) {
    if (rows.size() > 1) rows += ",";
    rows += "{\"name\":" + locustpp::web_ui::json_string(name) + ",\"content_length\":" + std::to_string(length) + "}";
  }
  return rows + "]";
}

void on_request(const locustpp_request_event& request) {
  std::lock_guard guard(lock);
  content_length_by_name[std::string(locustpp::from_abi(request.name))] += request.response_length;
  locustpp::web_ui::publish_rows("content-length", rows_json());
}

void on_reset_stats() {
  std::lock_guard guard(lock);
  content_length_by_name.clear();
  locustpp::web_ui::publish_rows("content-length", rows_json());
}

void content_length_csv(const locustpp::web_request&, const locustpp::web_response& response) {
  response.header("Content-Type", "text/csv");
  response.header("Content-Disposition", "attachment;filename=content_length.csv");
  std::string csv = "\"Name\",\"Total content-length\"\n";
  std::lock_guard guard(lock);
  for (const auto& [name, length] : content_length_by_name) csv += "\"" + name + "\"," + std::to_string(length) + "\n";
  response.write(csv);
}

struct website_user : locustpp::http_user {
  locustpp::task<> index() { co_await client.get("/"); }
  locustpp::task<> bytes() { co_await client.get("/bytes/1000", {.name = "/bytes"}); }
};

}  // namespace

LOCUSTPP_MODULE("io.locustpp.examples.web_ui_content_length", "Content length tab", "1.0.0",
                "A web UI tab and CSV with the total content length per request name") {
  locustpp::web_ui::add_tab("content-length", "Content Length",
                            {{"name", "Name"}, {"content_length", "Total content length"}});
  locustpp::web_ui::add_download("/content-length/csv", "Download content length CSV");
  module.route("GET", "/content-length/csv", content_length_csv);
  module.on_request(on_request);
  module.on_reset_stats(on_reset_stats);
  module.user<website_user>("WebsiteUser")
      .wait_time(locustpp::constant(0.05))
      .task("index", &website_user::index, 1)
      .task("bytes", &website_user::bytes, 1);
}
