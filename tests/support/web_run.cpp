// A locustpp with its web UI for tests (see web_run.hpp).
#include "web_run.hpp"

#include <stdexcept>
#include <thread>

#include "test_paths.hpp"

namespace locustpp::testing {

web_run::web_run(const std::string& module, const std::string& host, std::vector<std::string> extra,
                 std::vector<std::string> launcher, std::map<std::string, std::string> env) {
  std::vector<std::string> argv = std::move(launcher);
  argv.insert(argv.end(), {std::string(bin_dir) + "/locustpp", "-f", module, "-H", host, "-P", "0"});
  argv.insert(argv.end(), extra.begin(), extra.end());
  process_ = std::make_unique<child_process>(argv, std::move(env));
  // "Starting web interface at http://127.0.0.1:PORT" (or 0.0.0.0, [::], with a base path)
  const std::string announced = "Starting web interface at http://";
  if (!process_->wait_for_stderr(announced, std::chrono::seconds(10))) {
    throw std::runtime_error("no web UI: " + process_->stderr_text());
  }
  std::string err = process_->stderr_text();
  std::size_t host_start = err.find(announced) + announced.size();
  std::size_t colon = err.find(':', err.find_first_of("]0123456789", host_start));
  port_ = std::atoi(err.c_str() + colon + 1);
}

rapidjson::Document json_of(const http_reply& reply) {
  rapidjson::Document document;
  document.Parse(reply.body.c_str());
  return document;
}

rapidjson::Document get_json(int port, const std::string& path) {
  return json_of(http_exchange(port, "GET", path));
}

bool eventually(const std::function<bool()>& condition, std::chrono::milliseconds limit) {
  auto deadline = std::chrono::steady_clock::now() + limit;
  while (std::chrono::steady_clock::now() < deadline) {
    if (condition()) return true;
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  return condition();
}

runner_view view(int port) {
  rapidjson::Document report = get_json(port, "/stats/requests");
  runner_view seen;
  if (!report.IsObject()) return seen;
  seen.state = report["state"].GetString();
  seen.users = report["user_count"].GetUint64();
  const auto& rows = report["stats"].GetArray();
  seen.requests = rows[rows.Size() - 1]["num_requests"].GetUint64();
  return seen;
}

}  // namespace locustpp::testing
