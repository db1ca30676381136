// locustpp command line: the fully parsed and validated options of one run.
//
// Produced by parse_options() (parser.hpp) after merging, lowest precedence
// first: ~/.locust.conf, ./locust.conf, the --config file, LOCUST_* environment
// variables, the command line. Comments name the option and its variable;
// "(ours)" marks options Locust does not have.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

namespace locustpp::cli {

struct run_options {
  std::vector<std::string> locustfiles;   // -f/--locustfile (repeatable, a,b), LOCUST_LOCUSTFILE
  std::vector<std::string> plugin_dirs;   // --plugin-dir (likewise), LOCUST_PLUGIN_DIR (ours)
  std::string host;                       // -H/--host, LOCUST_HOST
  int users = 1;                          // -u/--users, LOCUST_USERS (>= 0)
  double spawn_rate = 1;                  // -r/--spawn-rate, LOCUST_SPAWN_RATE (> 0)
  std::optional<double> run_time;         // -t/--run-time, LOCUST_RUN_TIME: seconds
  double stop_timeout = 0;                // -s/--stop-timeout, LOCUST_STOP_TIMEOUT: seconds
  bool headless = false;                  // --headless, LOCUST_HEADLESS
  bool autostart = false;                 // --autostart, LOCUST_AUTOSTART
  int autoquit = -1;                      // --autoquit, LOCUST_AUTOQUIT: seconds after the test ends; -1 = never
  std::string web_host = "127.0.0.1";     // --web-host, LOCUST_WEB_HOST (Locust's default: every interface)
  int web_port = 8089;                    // -P/--web-port, LOCUST_WEB_PORT (0: any free port)
  std::string web_base_path;              // --web-base-path, LOCUST_WEB_BASE_PATH ("" or "/locust")
  // --web-allowed-hosts (a,b), LOCUST_WEB_ALLOWED_HOSTS: Host names served beyond loopback (ours)
  std::vector<std::string> web_allowed_hosts;
  std::string tls_cert, tls_key;          // --tls-cert, --tls-key (LOCUST_TLS_*): HTTPS for the web UI
  bool class_picker = false;              // --class-picker, LOCUST_USERCLASS_PICKER: the UI picks classes
  bool web_login = false;                 // --web-login, LOCUST_WEB_LOGIN: a module's login page
  std::string web_auth;                   // --web-auth user:pass, LOCUST_WEB_AUTH; "" = none
  bool master = false;                    // --master, LOCUST_MODE_MASTER
  std::string master_bind_host = "*";     // --master-bind-host, LOCUST_MASTER_BIND_HOST
  int master_bind_port = 5557;            // --master-bind-port, LOCUST_MASTER_BIND_PORT
  int expect_workers = 1;                 // --expect-workers, LOCUST_EXPECT_WORKERS (> 0)
  int expect_workers_max_wait = 0;        // --expect-workers-max-wait (s), 0 = forever
  bool enable_rebalancing = false;        // --enable-rebalancing (no variable, like Locust)
  int processes = 0;                      // --processes, LOCUST_PROCESSES: local workers; -1 = per core
  std::optional<std::string> cluster_key_file;  // --cluster-key-file, LOCUST_CLUSTER_KEY_FILE (ours)
  std::optional<std::string> cluster_key_generate;  // --cluster-key-generate FILE: write a key, exit (ours)
  bool worker = false;                    // --worker, LOCUST_MODE_WORKER
  std::string master_host = "127.0.0.1";  // --master-host, LOCUST_MASTER_NODE_HOST
  int master_port = 5557;                 // --master-port, LOCUST_MASTER_NODE_PORT
  int threads = 0;                        // --threads, LOCUST_THREADS: 0 = one per core, <= 1024 (ours)
  int max_users_per_process = 1'000'000;  // --max-users-per-process, LOCUST_MAX_USERS_PER_PROCESS (ours)
  std::vector<std::string> tags;          // -T/--tags (multi-token), LOCUST_TAGS
  std::vector<std::string> exclude_tags;  // -E/--exclude-tags, LOCUST_EXCLUDE_TAGS
  std::optional<std::string> csv_prefix;  // --csv, LOCUST_CSV
  bool csv_full_history = false;          // --csv-full-history, LOCUST_CSV_FULL_HISTORY; needs csv
  std::optional<std::string> html_file;   // --html FILE, LOCUST_HTML: the HTML report at the end
  bool print_stats = false;               // --print-stats, LOCUST_PRINT_STATS
  bool only_summary = false;              // --only-summary, LOCUST_ONLY_SUMMARY
  bool reset_stats = false;               // --reset-stats, LOCUST_RESET_STATS
  bool json = false;                      // --json (no variable, like Locust)
  std::optional<std::string> json_file;   // --json-file NAME: writes NAME.json (no variable)
  int exit_code_on_error = 1;             // --exit-code-on-error, LOCUST_EXIT_CODE_ON_ERROR
  std::string loglevel = "INFO";          // -L/--loglevel, LOCUST_LOGLEVEL: DEBUG..CRITICAL
  std::optional<std::string> logfile;     // --logfile, LOCUST_LOGFILE
  double connect_timeout = 60;            // --connect-timeout (s), LOCUST_CONNECT_TIMEOUT (ours)
  double network_timeout = 60;            // --network-timeout (s), LOCUST_NETWORK_TIMEOUT (ours)
  int max_redirects = 30;                 // --max-redirects (>= 0), LOCUST_MAX_REDIRECTS (ours)
  bool insecure = false;                  // --insecure, LOCUST_INSECURE: no TLS verification (ours)
  std::optional<std::string> ca_file;     // --ca-file, LOCUST_CA_FILE: extra CA bundle (ours)
  std::string source_addresses;           // --source-addresses, LOCUST_SOURCE_ADDRESSES; "" = none (ours)
  std::vector<std::string> source_ips;    // ... parsed: one address each, ranges expanded
  bool csv_exact = false;                 // --csv-exact, LOCUST_CSV_EXACT: exact CSV numbers (ours)
  int iterations = 0;                     // -i/--iterations, LOCUST_ITERATIONS: task runs per user, 0 = no limit
  std::vector<std::string> config_users;  // --config-users (JSON or .json files), LOCUST_CONFIG_USERS
  bool equal_weights = false;             // --equal-weights
  bool show_task_ratio = false;           // --show-task-ratio
  bool show_task_ratio_json = false;      // --show-task-ratio-json
  bool skip_log_setup = false;            // --skip-log-setup, LOCUST_SKIP_LOG_SETUP
  std::optional<std::string> profile;     // --profile, LOCUST_PROFILE: a label for the run
  bool list = false;                      // -l/--list
  bool help = false;                      // -h/--help: parsing stops early, nothing validated
  bool version = false;                   // -V/--version: likewise
  std::vector<std::string> user_classes;  // positionals; LOCUST_USER_CLASSES (blank-separated)
  // Plugin arguments by name without the leading dashes ("my-argument") ->
  // values as text. Every declared argument has an entry: one element, or
  // several for lists / is_multiple; empty when no source gave a value and
  // there is no default. Booleans are "true"/"false".
  std::map<std::string, std::vector<std::string>> plugin_values;
  std::vector<std::string> sources_used;  // config files read, in order (for logging)
  // Locust options given that locustpp does not support yet, one message
  // each ("'web-port' from config file 'locust.conf', line 3 is ..."), to be
  // logged as warnings.
  std::vector<std::string> warnings;
};

}  // namespace locustpp::cli
