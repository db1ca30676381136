// Start-up steps (see startup.hpp).
#include "runtime/startup.hpp"

#include <fmt/format.h>
#include <spdlog/sinks/basic_file_sink.h>
#include <spdlog/sinks/stdout_color_sinks.h>
#include <spdlog/spdlog.h>

#include <spdlog/pattern_formatter.h>
#include <sys/resource.h>
#include <unistd.h>

#include "plugin/module_loader.hpp"
#include "report/text_safety.hpp"

namespace locustpp::runtime {

std::size_t load_modules(const std::vector<std::string>& locustfiles, const std::vector<std::string>& plugin_dirs,
                         const locustpp_host_api& host, plugin::catalog& catalog,
                         std::span<plugin::extension_registrations* const> extensions) {
  std::vector<plugin::load_failure> failures;
  for (const auto& file : plugin::find_module_files(locustfiles, plugin_dirs, failures)) {
    if (plugin::load_module(file, host, catalog, failures, extensions)) {
      const auto& module = *catalog.modules.back();
      spdlog::debug("loaded module {} {} from {}", module.id, module.version, module.path);
    }
  }
  for (const auto& failure : failures) spdlog::error("module refused: {}", failure.message);
  return failures.size();
}

namespace {

// Python's level names (INFO, WARNING, ...), for Locust's log layout.
class python_level_name final : public spdlog::custom_flag_formatter {
 public:
  void format(const spdlog::details::log_msg& message, const std::tm&, spdlog::memory_buf_t& out) override {
    std::string_view name;
    switch (message.level) {
      case spdlog::level::trace:
      case spdlog::level::debug:
        name = "DEBUG";
        break;
      case spdlog::level::info:
        name = "INFO";
        break;
      case spdlog::level::warn:
        name = "WARNING";
        break;
      case spdlog::level::err:
        name = "ERROR";
        break;
      default:
        name = "CRITICAL";
        break;
    }
    out.append(name.data(), name.data() + name.size());
  }
  std::unique_ptr<custom_flag_formatter> clone() const override { return std::make_unique<python_level_name>(); }
};

// %v, the message, with control characters escaped and invalid UTF-8
// replaced (report::append_terminal_safe): messages echo what targets and
// plugins wrote, which must not reach a terminal as escape sequences nor
// forge a line of its own.
class terminal_safe_message final : public spdlog::custom_flag_formatter {
 public:
  void format(const spdlog::details::log_msg& message, const std::tm&, spdlog::memory_buf_t& out) override {
    std::string safe;
    report::append_terminal_safe(safe, std::string_view(message.payload.data(), message.payload.size()));
    out.append(safe.data(), safe.data() + safe.size());
  }
  std::unique_ptr<custom_flag_formatter> clone() const override { return std::make_unique<terminal_safe_message>(); }
};

}  // namespace

std::unique_ptr<spdlog::formatter> locust_log_layout() {
  char host[256] = "localhost";
  ::gethostname(host, sizeof(host) - 1);
  std::string escaped;
  for (const char* c = host; *c != '\0'; ++c) escaped += *c == '%' ? std::string("%%") : std::string(1, *c);
  auto layout = std::make_unique<spdlog::pattern_formatter>();
  layout->add_flag<python_level_name>('*');
  layout->add_flag<terminal_safe_message>('v');
  layout->set_pattern("[%Y-%m-%d %H:%M:%S,%e] " + escaped + "/%*/locustpp: %v");
  return layout;
}

void configure_early_logging() {
  auto logger = spdlog::stderr_color_mt("locustpp");
  logger->set_formatter(locust_log_layout());
  spdlog::set_default_logger(logger);
}

void configure_logging(const cli::run_options& options) {
  if (options.skip_log_setup) return;  // --skip-log-setup: keep the start-up logger as it is
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
  logger->set_formatter(locust_log_layout());
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
  option_board& values = state.options;
  values.set("host", {options.host});
  values.set("users", {std::to_string(options.users)});
  values.set("spawn-rate", {fmt::format("{}", options.spawn_rate)});
  if (options.run_time) values.set("run-time", {fmt::format("{}", *options.run_time)});
  values.set("stop-timeout", {fmt::format("{}", options.stop_timeout)});
  values.set("headless", {options.headless ? "true" : "false"});
  values.set("tags", options.tags);
  values.set("exclude-tags", options.exclude_tags);
  values.set("locustfile", options.locustfiles);
  if (options.csv_prefix) values.set("csv", {*options.csv_prefix});
  if (options.profile) values.set("profile", {*options.profile});
  values.set("iterations", {std::to_string(options.iterations)});
  for (const auto& [name, given] : options.plugin_values) values.set(name, given);
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
  // Locust's --list first (scripts read it), then each module in detail.
  std::string out = "Available Users:\n";
  for (const auto& user_class : catalog.user_classes) out += fmt::format("    {}\n", user_class->name);
  out += "\n";
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
