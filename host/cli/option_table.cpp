// locustpp command line: the table of built-in options — see option_table.hpp.
//
// Names, short aliases, variables and wording follow Locust's
// argument_parser.py so that existing locust.conf files and scripts keep
// working; options marked "(ours)" in run_options.hpp have no Locust twin.
#include "cli/option_table.hpp"

namespace locustpp::cli {
namespace {

constexpr std::string_view log_levels[] = {"DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL"};

// Builds one row: the mandatory fields in the constructor, the rest by name.
// (Designated initializers would read as well but GCC warns about every
// omitted field under -Wextra.)
class row {
 public:
  row(std::string_view name, option_kind kind, option_group group, option_target target) {
    option_.name = name;
    option_.kind = kind;
    option_.group = group;
    option_.target = target;
  }
  row& alias(char short_name) {
    option_.short_name = short_name;
    return *this;
  }
  row& env(std::string_view variable) {
    option_.env_var = variable;
    return *this;
  }
  row& metavar(std::string_view placeholder) {
    option_.metavar = placeholder;
    return *this;
  }
  row& limit(value_limit limit) {
    option_.limit = limit;
    return *this;
  }
  row& choices(std::span<const std::string_view> allowed) {
    option_.choices = allowed;
    return *this;
  }
  row& default_text(std::string_view text) {
    option_.default_text = text;
    return *this;
  }
  row& not_in_config_file() {
    option_.allowed_in_config_file = false;
    return *this;
  }
  row& help(std::string_view text) {
    option_.help = text;
    return *this;
  }
  row& locust_only() {
    option_.locust_only = true;
    return *this;
  }
  operator builtin_option() const { return option_; }

 private:
  builtin_option option_;
};

std::vector<builtin_option> make_table() {
  using k = option_kind;
  using g = option_group;
  using r = run_options;
  const std::monostate parser_only;  // consumed by the parser, not stored
  return {
      // --- Common options ------------------------------------------------------
      row("help", k::flag, g::common, &r::help)
          .alias('h')
          .not_in_config_file()
          .help("Show this help message and exit."),
      row("locustfile", k::path_list, g::common, &r::locustfiles)
          .alias('f')
          .env("LOCUST_LOCUSTFILE")
          .metavar("<filename>")
          .help("Test module(s) (.so) to load. Repeat the option or separate files with commas."),
      row("config", k::text, g::common, parser_only)
          .metavar("<filename>")
          .not_in_config_file()
          .help("File to read additional configuration from (same format as locust.conf)."),
      row("plugin-dir", k::path_list, g::common, &r::plugin_dirs)
          .env("LOCUST_PLUGIN_DIR")
          .metavar("<directory>")
          .help("Directory to load plugins from. Repeatable; comma-separated also works."),
      row("host", k::text, g::common, &r::host)
          .alias('H')
          .env("LOCUST_HOST")
          .metavar("<base url>")
          .help("Host to load test, in the format http://10.21.32.33"),
      row("users", k::integer, g::common, &r::users)
          .alias('u')
          .env("LOCUST_USERS")
          .metavar("<int>")
          .limit(value_limit::at_least_zero)
          .default_text("1")
          .help("Peak number of concurrent users."),
      row("spawn-rate", k::number, g::common, &r::spawn_rate)
          .alias('r')
          .env("LOCUST_SPAWN_RATE")
          .metavar("<float>")
          .limit(value_limit::above_zero)
          .default_text("1")
          .help("Rate to spawn users at (users per second)."),
      row("run-time", k::timespan, g::common, &r::run_time)
          .alias('t')
          .env("LOCUST_RUN_TIME")
          .metavar("<time string>")
          .help("Stop after the specified amount of time, e.g. (300s, 20m, 3h, 1h30m)."),
      row("list", k::flag, g::common, &r::list).alias('l').help("Show list of possible User classes and exit."),
      row("config-users", k::text_list, g::common, &r::config_users)
          .env("LOCUST_CONFIG_USERS")
          .metavar("<json>")
          .help("User class settings as JSON, or a .json file: a list of {\"user_class_name\": ..., \"weight\": ..., "
                "\"fixed_count\": ..., \"host\": ..., \"tasks\": [...]}. Repeatable."),
      row("iterations", k::integer, g::common, &r::iterations)
          .alias('i')
          .env("LOCUST_ITERATIONS")
          .metavar("<int>")
          .limit(value_limit::at_least_zero)
          .default_text("0")
          .help("Each user stops after this many task runs; the test ends when all have (0: no limit)."),
      row("headless", k::flag, g::common, &r::headless)
          .env("LOCUST_HEADLESS")
          .help("Disable the web interface, and start the test immediately."),
      row("autostart", k::flag, g::common, &r::autostart)
          .env("LOCUST_AUTOSTART")
          .help("Start the test immediately (like --headless, but keep the web UI)."),
      row("autoquit", k::integer, g::common, &r::autoquit)
          .env("LOCUST_AUTOQUIT")
          .metavar("<seconds>")
          .limit(value_limit::at_least_zero)
          .help("Quit this many seconds after the test ends. Only used together with --autostart (default: keep "
                "running until stopped with Ctrl+C)."),
      row("web-host", k::text, g::common, &r::web_host)
          .env("LOCUST_WEB_HOST")
          .metavar("<ip>")
          .default_text("127.0.0.1")
          .help("Host to bind the web interface to (\"\" or 0.0.0.0 for every interface)."),
      row("web-port", k::integer, g::common, &r::web_port)
          .alias('P')
          .env("LOCUST_WEB_PORT")
          .metavar("<port number>")
          .limit(value_limit::port)
          .default_text("8089")
          .help("Port on which to run the web interface (0: any free port, logged)."),
      row("web-base-path", k::text, g::common, &r::web_base_path)
          .env("LOCUST_WEB_BASE_PATH")
          .metavar("<path>")
          .help("Base path for the web interface (e.g. /locust), for running behind a proxy."),
      row("web-allowed-hosts", k::path_list, g::common, &r::web_allowed_hosts)
          .env("LOCUST_WEB_ALLOWED_HOSTS")
          .metavar("<host names>")
          .help("Host names the web interface answers to besides localhost and loopback addresses, for a "
                "--web-host beyond loopback (comma-separated, repeatable; a wildcard as in *.svc.cluster.local, or "
                "*). Without it, such a web interface answers any name (ours)."),
      row("tls-cert", k::text, g::common, &r::tls_cert)
          .env("LOCUST_TLS_CERT")
          .metavar("<filename>")
          .help("Serve the web interface over HTTPS with this certificate (PEM); needs --tls-key."),
      row("tls-key", k::text, g::common, &r::tls_key)
          .env("LOCUST_TLS_KEY")
          .metavar("<filename>")
          .help("The private key (PEM) of --tls-cert."),
      row("class-picker", k::flag, g::common, &r::class_picker)
          .env("LOCUST_USERCLASS_PICKER")
          .help("Let the web interface choose which user classes a test runs."),
      row("web-login", k::flag, g::common, &r::web_login)
          .env("LOCUST_WEB_LOGIN")
          .help("Protect the web interface with a login page offered by a module (or --web-auth)."),
      row("web-auth", k::text, g::common, &r::web_auth)
          .env("LOCUST_WEB_AUTH")
          .metavar("<username:password>")
          .help("Protect the web interface with this username and password (login page, or HTTP Basic for "
                "scripts)."),
      row("threads", k::integer, g::common, &r::threads)
          .env("LOCUST_THREADS")
          .metavar("<int>")
          .limit(value_limit::threads)
          .default_text("0")
          .help("Worker threads running users; 0 means one per CPU core (at most 1024)."),
      row("max-users-per-process", k::integer, g::common, &r::max_users_per_process)
          .env("LOCUST_MAX_USERS_PER_PROCESS")
          .metavar("<int>")
          .limit(value_limit::above_zero)
          .default_text("1000000")
          .help("The most users one process runs (a local run's -u, a worker's share): every user takes memory, "
                "and more than the machine holds would end the run."),
      // --- Tag options ---------------------------------------------------------
      row("tags", k::token_list, g::tags, &r::tags)
          .alias('T')
          .env("LOCUST_TAGS")
          .metavar("<tag> [<tag> ...]")
          .help("List of tags to include in the test, so only tasks with a matching tag run."),
      row("exclude-tags", k::token_list, g::tags, &r::exclude_tags)
          .alias('E')
          .env("LOCUST_EXCLUDE_TAGS")
          .metavar("<tag> [<tag> ...]")
          .help("List of tags to exclude from the test, so only tasks with no matching tags "
                "run."),
      // --- Request statistics options ------------------------------------------
      row("csv", k::text, g::statistics, &r::csv_prefix)
          .env("LOCUST_CSV")
          .metavar("<prefix>")
          .help("Store request stats to files in CSV format, named <prefix>_stats.csv etc."),
      row("html", k::text, g::statistics, &r::html_file)
          .env("LOCUST_HTML")
          .metavar("<filename>")
          .help("Store an HTML report (one file that opens offline) at the end of the run."),
      row("csv-full-history", k::flag, g::statistics, &r::csv_full_history)
          .env("LOCUST_CSV_FULL_HISTORY")
          .help("Store each stats entry in CSV format to the _stats_history.csv file. "
                "Requires --csv."),
      row("print-stats", k::flag, g::statistics, &r::print_stats)
          .env("LOCUST_PRINT_STATS")
          .help("Enable periodic printing of request stats in UI runs."),
      row("only-summary", k::flag, g::statistics, &r::only_summary)
          .env("LOCUST_ONLY_SUMMARY")
          .help("Disable periodic printing of request stats during --headless run."),
      row("reset-stats", k::flag, g::statistics, &r::reset_stats)
          .env("LOCUST_RESET_STATS")
          .help("Reset statistics once spawning has been completed."),
      row("csv-exact", k::flag, g::statistics, &r::csv_exact)
          .env("LOCUST_CSV_EXACT")
          .help("Write exact times to the CSV files (ms with 3 decimals, exact percentiles) instead of Locust's "
                "rounded values."),
      row("json", k::flag, g::statistics, &r::json).help("Print final stats in JSON format to stdout."),
      row("json-file", k::text, g::statistics, &r::json_file)
          .metavar("<filename>")
          .help("Write final stats in JSON format to <filename>.json."),
      // --- Master options (Locust's distributed mode) ---------------------------
      row("master", k::flag, g::master, &r::master)
          .env("LOCUST_MODE_MASTER")
          .help("Launch locustpp as a master node, to which worker nodes connect."),
      row("master-bind-host", k::text, g::master, &r::master_bind_host)
          .env("LOCUST_MASTER_BIND_HOST")
          .metavar("<ip>")
          .default_text("*")
          .help("IP address for the master to listen on, e.g. '192.168.1.1'. Defaults to * (all interfaces)."),
      row("master-bind-port", k::integer, g::master, &r::master_bind_port)
          .env("LOCUST_MASTER_BIND_PORT")
          .metavar("<port number>")
          .limit(value_limit::port)
          .default_text("5557")
          .help("Port for the master to listen on."),
      row("expect-workers", k::integer, g::master, &r::expect_workers)
          .env("LOCUST_EXPECT_WORKERS")
          .metavar("<int>")
          .limit(value_limit::above_zero)
          .default_text("1")
          .help("Delay starting the test until this number of workers have connected (only used with "
                "--headless/--autostart)."),
      row("expect-workers-max-wait", k::integer, g::master, &r::expect_workers_max_wait)
          .env("LOCUST_EXPECT_WORKERS_MAX_WAIT")
          .metavar("<int>")
          .limit(value_limit::at_least_zero)
          .default_text("0")
          .help("How long the master waits for workers to connect before giving up (seconds). Defaults to wait "
                "forever."),
      row("enable-rebalancing", k::flag, g::master, &r::enable_rebalancing)
          .help("Re-distribute users when new workers connect or workers go missing during a test."),
      row("processes", k::integer, g::master, &r::processes)
          .env("LOCUST_PROCESSES")
          .metavar("<int>")
          .help("Start this many worker processes from one command, with a master (or, with --worker, without "
                "one); -1 = one per core."),
      row("cluster-key-file", k::text, g::master, &r::cluster_key_file)
          .env("LOCUST_CLUSTER_KEY_FILE")
          .metavar("<filename>")
          .help("Authenticate and encrypt the link between master and workers with this ZeroMQ CURVE key (the same "
                "file on every node, readable by its owner only): the master admits only nodes that hold it. "
                "LOCUST_CLUSTER_KEY may hold the key itself instead. Without a key the link is Locust's plain "
                "protocol."),
      row("cluster-key-generate", k::text, g::master, &r::cluster_key_generate)
          .metavar("<filename>")
          .not_in_config_file()
          .help("Write a new key for --cluster-key-file to this file (readable by its owner only) and exit."),
      // --- Worker options ------------------------------------------------------
      row("worker", k::flag, g::worker, &r::worker)
          .env("LOCUST_MODE_WORKER")
          .help("Run as a worker node, connecting to a master (ours or Python Locust's)."),
      row("master-host", k::text, g::worker, &r::master_host)
          .env("LOCUST_MASTER_NODE_HOST")
          .metavar("<hostname>")
          .default_text("127.0.0.1")
          .help("Hostname of the master node to connect to."),
      row("master-port", k::integer, g::worker, &r::master_port)
          .env("LOCUST_MASTER_NODE_PORT")
          .metavar("<port number>")
          .limit(value_limit::port)
          .default_text("5557")
          .help("Port of the master node to connect to."),
      // --- Logging options -----------------------------------------------------
      row("loglevel", k::text, g::logging, &r::loglevel)
          .alias('L')
          .env("LOCUST_LOGLEVEL")
          .metavar("<level>")
          .choices(log_levels)
          .default_text("INFO")
          .help("Choose between DEBUG/INFO/WARNING/ERROR/CRITICAL."),
      row("logfile", k::text, g::logging, &r::logfile)
          .env("LOCUST_LOGFILE")
          .metavar("<filename>")
          .help("Path to log file. If not set, log goes to stderr."),
      row("skip-log-setup", k::flag, g::logging, &r::skip_log_setup)
          .env("LOCUST_SKIP_LOG_SETUP")
          .help("Disable locustpp's logging setup: --loglevel and --logfile are then not applied."),
      // --- Network options (ours) ----------------------------------------------
      row("connect-timeout", k::number, g::network, &r::connect_timeout)
          .env("LOCUST_CONNECT_TIMEOUT")
          .metavar("<seconds>")
          .limit(value_limit::seconds)
          .default_text("60")
          .help("Give up connecting to the target after this many seconds."),
      row("network-timeout", k::number, g::network, &r::network_timeout)
          .env("LOCUST_NETWORK_TIMEOUT")
          .metavar("<seconds>")
          .limit(value_limit::seconds)
          .default_text("60")
          .help("Fail a request whose whole exchange (connect, send, complete response) takes longer than this many "
                "seconds."),
      row("max-redirects", k::integer, g::network, &r::max_redirects)
          .env("LOCUST_MAX_REDIRECTS")
          .metavar("<int>")
          .limit(value_limit::at_least_zero)
          .default_text("30")
          .help("Follow at most this many redirects per request."),
      row("insecure", k::flag, g::network, &r::insecure)
          .env("LOCUST_INSECURE")
          .help("Do not verify TLS certificates of the target."),
      row("ca-file", k::text, g::network, &r::ca_file)
          .env("LOCUST_CA_FILE")
          .metavar("<filename>")
          .help("Also trust the CA certificates in this PEM bundle."),
      row("source-addresses", k::text, g::network, &r::source_addresses)
          .env("LOCUST_SOURCE_ADDRESSES")
          .metavar("<addresses>")
          .help("Spread connections over these local addresses, e.g. 127.0.0.2-127.0.0.9 or 10.0.0.5,10.0.0.6: "
                "each has its own ephemeral ports, so more connections to one target fit."),
      // --- Other options -------------------------------------------------------
      row("stop-timeout", k::timespan, g::other, &r::stop_timeout)
          .alias('s')
          .env("LOCUST_STOP_TIMEOUT")
          .metavar("<time string>")
          .default_text("0")
          .help("How long to wait for users to finish their current task before exiting."),
      row("exit-code-on-error", k::integer, g::other, &r::exit_code_on_error)
          .env("LOCUST_EXIT_CODE_ON_ERROR")
          .metavar("<int>")
          .limit(value_limit::exit_status)
          .default_text("1")
          .help("Process exit code to use when a test result contains any failure or error."),
      row("version", k::flag, g::other, &r::version)
          .alias('V')
          .not_in_config_file()
          .help("Show program's version number and exit."),
      row("show-task-ratio", k::flag, g::other, &r::show_task_ratio)
          .help("Print table of the User classes' task execution ratio and exit."),
      row("show-task-ratio-json", k::flag, g::other, &r::show_task_ratio_json)
          .help("Print json data of the User classes' task execution ratio and exit."),
      row("equal-weights", k::flag, g::other, &r::equal_weights)
          .help("Use equally distributed task weights (and user class weights), overriding the modules' weights."),
      row("profile", k::text, g::other, &r::profile)
          .env("LOCUST_PROFILE")
          .metavar("<label>")
          .help("A label for this test run; plugins read it as option \"profile\"."),
      // --- Locust options not supported yet: accepted with a warning -----------
      row("web-host-display-name", k::text, g::other, parser_only).env("LOCUST_WEB_HOST_DISPLAY_NAME").locust_only(),
      row("headful", k::flag, g::other, parser_only).env("LOCUST_HEADFUL").locust_only(),
      row("build-path", k::text, g::other, parser_only).env("LOCUST_BUILD_PATH").locust_only(),
      row("legacy-ui", k::flag, g::other, parser_only).env("LOCUST_LEGACY_UI").locust_only(),
      row("otel", k::flag, g::other, parser_only).env("LOCUST_ENABLE_OPENTELEMETRY").locust_only(),
  };
}

}  // namespace

const std::vector<builtin_option>& builtin_options() {
  static const std::vector<builtin_option> table = make_table();
  return table;
}

const builtin_option* find_builtin_option(std::string_view name) {
  for (const builtin_option& option : builtin_options()) {
    if (option.name == name) return &option;
  }
  return nullptr;
}

std::string_view group_title(option_group group) {
  switch (group) {
    case option_group::common:
      return "Common options";
    case option_group::master:
      return "Master options";
    case option_group::worker:
      return "Worker options";
    case option_group::tags:
      return "Tag options";
    case option_group::statistics:
      return "Request statistics options";
    case option_group::logging:
      return "Logging options";
    case option_group::network:
      return "Network options";
    case option_group::other:
      return "Other options";
  }
  return "Other options";
}

}  // namespace locustpp::cli
