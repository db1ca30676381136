// Running the host for tests (see locustpp_run.hpp).
#include "locustpp_run.hpp"

#include <algorithm>
#include <cstdlib>
#include <thread>

#include "child_process.hpp"
#include "test_paths.hpp"

namespace locustpp::testing {

entry_counts run_result::of(const std::string& method, const std::string& name) const {
  auto found = entries.find({method, name});
  return found == entries.end() ? entry_counts{} : found->second;
}

std::uint64_t run_result::total_requests() const {
  std::uint64_t total = 0;
  for (const auto& [key, counts] : entries) total += counts.requests;
  return total;
}

std::uint64_t run_result::total_failures() const {
  std::uint64_t total = 0;
  for (const auto& [key, counts] : entries) total += counts.failures;
  return total;
}

std::string test_plugin(const std::string& name) {
  return std::string(test_plugin_dir) + "/" + name + ".so";
}

std::uint64_t csv_aggregated_requests(const std::string& csv_prefix) {
  std::string stats = read_file(csv_prefix + "_stats.csv");
  auto at = stats.find(",Aggregated,");
  return at == std::string::npos ? 0 : std::strtoull(stats.c_str() + at + 12, nullptr, 10);
}

std::uint64_t csv_aggregated_failures(const std::string& csv_prefix) {
  std::string stats = read_file(csv_prefix + "_stats.csv");
  auto at = stats.find(",Aggregated,");
  if (at == std::string::npos) return 0;
  auto comma = stats.find(',', at + 12);  // after the request count
  return comma == std::string::npos ? 0 : std::strtoull(stats.c_str() + comma + 1, nullptr, 10);
}

bool wait_for_csv_requests(const std::string& csv_prefix, std::chrono::milliseconds limit) {
  auto deadline = std::chrono::steady_clock::now() + limit;
  while (csv_aggregated_requests(csv_prefix) == 0) {
    if (std::chrono::steady_clock::now() > deadline) return false;
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  return true;
}

run_result run_locustpp(std::vector<std::string> args, int time_limit_seconds, std::map<std::string, std::string> env,
                        const std::string& working_dir) {
  auto dir = make_temp_dir("locustpp-run");
  auto json_base = (dir / "stats").string();
  std::vector<std::string> argv{std::string(bin_dir) + "/locustpp"};
  argv.insert(argv.end(), args.begin(), args.end());
  // A run is headless unless the test asks for the web UI (which waits for a browser).
  if (std::find(args.begin(), args.end(), "--autostart") == args.end()) argv.push_back("--headless");
  argv.push_back("--json-file");
  argv.push_back(json_base);
  child_process process(argv, env, working_dir);
  run_result result;
  result.exit_code = process.wait(std::chrono::seconds(time_limit_seconds));
  result.out = process.stdout_text();
  result.err = process.stderr_text();
  std::string json = read_file(json_base + ".json");
  if (!json.empty()) {
    result.stats.Parse(json.c_str());
    if (result.stats.IsArray()) {
      for (const auto& entry : result.stats.GetArray()) {
        auto& counts = result.entries[{entry["method"].GetString(), entry["name"].GetString()}];
        counts.requests += entry["num_requests"].GetUint64();
        counts.failures += entry["num_failures"].GetUint64();
      }
    }
  }
  return result;
}

}  // namespace locustpp::testing
