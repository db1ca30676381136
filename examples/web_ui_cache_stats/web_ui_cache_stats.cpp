// A custom metric in the web UI (Locust's examples/web_ui_cache_stats.py):
// counts the X-Cache header of every response (HIT, MISS, or none) per
// request name, in a "Cache statistics" tab with a CSV download. In a
// distributed run each worker sends its counts with its report and the
// master adds them up (report_to_master / worker_report).
// Build: locustpp_add_plugin(web_ui_cache_stats web_ui_cache_stats.cpp)
// Run:   locustpp -f web_ui_cache_stats.so -H http://127.0.0.1:8080
//        (the demo target's /cached/... answers X-Cache: HIT, and MISS every fourth time)
#include <locustpp/locustpp.hpp>

#include <algorithm>
#include <cctype>
#include <cstdint>
#include <map>
#include <mutex>
#include <string>
#include <string_view>

namespace {

struct cache_counts {
  std::uint64_t hit = 0, miss = 0, no_info = 0;
};

std::mutex lock;
std::map<std::string, cache_counts> cache_by_name;

std::string_view header_of(const locustpp_http_response& response, std::string_view wanted) {
  for (std::uint32_t i = 0; i < response.header_count; ++i) {
    std::string_view name = locustpp::from_abi(response.headers[i].key);
    if (name.size() == wanted.size() && std::equal(name.begin(), name.end(), wanted.begin(),
                                                   [](char a, char b) { return std::tolower(a) == std::tolower(b); })) {
      return locustpp::from_abi(response.headers[i].value);
    }
  }
  return {};
}

std::string rows_json() {
  std::string rows = "[";
  for (const auto& [name, counts] : cache_by_name) {
    if (rows.size() > 1) rows += ",";
    rows += "{\"name\":" + locustpp::web_ui::json_string(name) + ",\"hit\":" + std::to_string(counts.hit) +
            ",\"miss\":" + std::to_string(counts.miss) + ",\"no_info\":" + std::to_string(counts.no_info) + "}";
  }
  return rows + "]";
}

void on_request(const locustpp_request_event& request) {
  std::string_view cache = request.response != nullptr ? header_of(*request.response, "X-Cache") : std::string_view{};
  std::lock_guard guard(lock);
  cache_counts& counts = cache_by_name[std::string(locustpp::from_abi(request.name))];
  if (cache == "HIT") {
    ++counts.hit;
  } else if (cache == "MISS") {
    ++counts.miss;
  } else {
    ++counts.no_info;
  }
  locustpp::web_ui::publish_rows("cache-stats", rows_json());
}

void on_reset_stats() {
  std::lock_guard guard(lock);
  cache_by_name.clear();
  locustpp::web_ui::publish_rows("cache-stats", rows_json());
}

// A worker: its counts since the last report go with the report, then start again.
void on_report_to_master(locustpp::report_writer& report) {
  locustpp::value counts = locustpp::value::map();
  std::lock_guard guard(lock);
  for (const auto& [name, tally] : cache_by_name) {
    counts.set(name,
               locustpp::value::map().set("hit", tally.hit).set("miss", tally.miss).set("no_info", tally.no_info));
  }
  cache_by_name.clear();
  report.set("cache_stats", counts);
}

// The master: every worker's counts added into its own, shown in its tab.
void on_worker_report(const locustpp::report_reader& report) {
  locustpp::value counts = report.get("cache_stats");
  std::lock_guard guard(lock);
  for (const auto& [name, tally] : counts.entries()) {
    cache_counts& mine = cache_by_name[std::string(name.text())];
    mine.hit += tally["hit"].unsigned_integer();
    mine.miss += tally["miss"].unsigned_integer();
    mine.no_info += tally["no_info"].unsigned_integer();
  }
  locustpp::web_ui::publish_rows("cache-stats", rows_json());
}

void cache_csv(const locustpp::web_request&, const locustpp::web_response& response) {
  response.header("Content-Type", "text/csv");
  response.header("Content-Disposition", "attachment;filename=cache_stats.csv");
  std::string csv = "\"Name\",\"Cache hits\",\"Cache misses\",\"No cache info\"\n";
  std::lock_guard guard(lock);
  for (const auto& [name, counts] : cache_by_name) {
    csv += "\"" + name + "\"," + std::to_string(counts.hit) + "," + std::to_string(counts.miss) + "," +
           std::to_string(counts.no_info) + "\n";
  }
  response.write(csv);
}

struct cdn_user : locustpp::http_user {
  locustpp::task<> page() { co_await client.get("/cached/page", {.name = "/cached/page"}); }
  locustpp::task<> origin() { co_await client.get("/"); }
};

}  // namespace

LOCUSTPP_MODULE("io.locustpp.examples.web_ui_cache_stats", "Cache statistics tab", "1.0.0",
                "X-Cache hits and misses per request name in a web UI tab") {
  locustpp::web_ui::add_tab(
      "cache-stats", "Cache statistics",
      {{"name", "Name"}, {"hit", "Cache hits"}, {"miss", "Cache misses"}, {"no_info", "No cache info"}});
  locustpp::web_ui::add_download("/cache/csv", "Download cache statistics CSV");
  module.route("GET", "/cache/csv", cache_csv);
  module.on_request(on_request);
  module.on_reset_stats(on_reset_stats);
  module.on_report_to_master(on_report_to_master);
  module.on_worker_report(on_worker_report);
  module.user<cdn_user>("CdnUser")
      .wait_time(locustpp::constant(0.05))
      .task("page", &cdn_user::page, 3)
      .task("origin", &cdn_user::origin, 1);
}
