// Start-up steps (see startup.hpp).
#include "runtime/startup.hpp"

#include <fmt/format.h>
#include <spdlog/sinks/basic_file_sink.h>
#include <spdlog/sinks/stdout_color_sinks.h>
#include <spdlog/spdlog.h>

#include <sys/resource.h>

#include "plugin/module_loader.hpp"

namespace locustpp::runtime {

std::size_t load_modules(const std::vector<std::string>& locustfiles, const std::vector<std::string>& plugin_dirs,
                         const locustpp_host_api& host, plugin::catalog& catalog) {
  std::vector<plugin::load_failure> failures;
  for (const auto& file : plugin::find_module_files(locustfiles, plugin_dirs, failures)) {
    if (plugin::load_module(file, host, catalog, failures)) {
      const auto& module = *catalog.modules.back();
      spdlog::debug("loaded module {} {} from {}", module.id, module.version, module.path);
    }
  }
  for (const auto& failure : failures) spdlog::error("module refused: {}", failure.message);
  return failures.size();
}

void configure_early_logging() {
  auto logger = spdlog::stderr_color_mt("locustpp");
  logger->set_pattern("[%Y-%m-%d %H:%M:%S,%e] %l/locustpp: %v");
  spdlog::set_default_logger(logger);
}

void configure_logging(const cli::run_options& options) {
  spdlog::drop("locustpp");
  std::shared_ptr<spdlog::logger> logger;
  if (options.logfile) {
    logger = spdlog::basic_logger_mt("locustpp", *options.logfile);
  } else {
    logger = spdlog::stderr_color_mt("locustpp");
  }
  const std::string& level = options.loglevel;
  logger->set_level(level == "DEBUG"      ? spdlog::level::debug
                    : level == "WARNING"  ? spdlog::level::warn
                    : level == "ERROR"    ? spdlog::level::err
                    : level == "CRITICAL" ? spdlog::level::critical
                                          : spdlog::level::info);
  logger->set_pattern("[%Y-%m-%d %H:%M:%S,%e] %l/locustpp: %v");
  spdlog::set_default_logger(logger);
}

void raise_open_file_limit(int users) {
  rlimit limit{};
  if (getrlimit(RLIMIT_NOFILE, &limit) != 0) return;
  if (limit.rlim_cur < limit.rlim_max) {
    limit.rlim_cur = limit.rlim_max;
    setrlimit(RLIMIT_NOFILE, &limit);
  }
  constexpr rlim_t own_descriptors = 64;  // logs, CSV files, event loops, spare
  if (limit.rlim_cur != RLIM_INFINITY && static_cast<rlim_t>(users) + own_descriptors > limit.rlim_cur) {
    spdlog::warn(
        "{} users need about {} open files, but this process may open only {} (ulimit -n): "
        "some connections will fail with 'Too many open files'",
        users, static_cast<rlim_t>(users) + own_descriptors, limit.rlim_cur);
  }
}

void publish_option_values(const cli::run_options& options, host_state& state) {
  auto& values = state.option_values;
  values["host"] = {options.host};
  values["users"] = {std::to_string(options.users)};
  values["spawn-rate"] = {fmt::format("{}", options.spawn_rate)};
  if (options.run_time) values["run-time"] = {fmt::format("{}", *options.run_time)};
  values["stop-timeout"] = {fmt::format("{}", options.stop_timeout)};
  values["headless"] = {options.headless ? "true" : "false"};
  values["tags"] = options.tags;
  values["exclude-tags"] = options.exclude_tags;
  values["locustfile"] = options.locustfiles;
  if (options.csv_prefix) values["csv"] = {*options.csv_prefix};
  for (const auto& [name, given] : options.plugin_values) values[name] = given;
}

namespace {
void describe_set(std::string& out, const plugin::task_set_model& set, int depth) {
  std::uint64_t total = 0;  // 32-bit weights can add up past 2^32
  for (const auto& task : set.tasks) total += task.weight;
  for (const auto& task : set.tasks) {
    out += fmt::format("{:{}}- {} (weight {}, {:.0f}%){}{}\n", "", depth * 4, task.name, task.weight,
                       total > 0 ? 100.0 * task.weight / static_cast<double>(total) : 0.0,
                       task.tags.empty() ? "" : " tags: ", fmt::join(task.tags, ", "));
    if (task.nested) describe_set(out, *task.nested, depth + 1);
  }
}
}  // namespace

std::string describe_modules(const plugin::catalog& catalog) {
  std::string out;
  for (const auto& module : catalog.modules) {
    out += fmt::format("{} {} ({})\n", module->id, module->version, module->path);
    for (const auto& user_class : catalog.user_classes) {
      if (user_class->module != module.get()) continue;
      out += fmt::format("    {}  weight {}{}{}\n", user_class->name, user_class->weight,
                         user_class->fixed_count > 0 ? fmt::format(", fixed_count {}", user_class->fixed_count) : "",
                         user_class->host.empty() ? "" : ", host " + user_class->host);
      describe_set(out, user_class->behaviour, 2);
    }
  }
  return out;
}

}  // namespace locustpp::runtime
