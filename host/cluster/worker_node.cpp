// The worker node (see worker_node.hpp). Every member runs on the control
// thread; the socket's thread only posts received payloads here.
#include "cluster/worker_node.hpp"

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include <boost/asio/io_context.hpp>
#include <boost/asio/steady_timer.hpp>
#include <chrono>
#include <cmath>
#include <cstdlib>

#include "abi/abi_text.hpp"
#include "cluster/node_id.hpp"
#include "cluster/option_names.hpp"
#include "cluster/stats_wire.hpp"
#include "cluster/wire_message.hpp"
#include "cluster/zmq_link.hpp"
#include "control/runner_state.hpp"
#include "runtime/process_usage.hpp"
#include "stats/clock.hpp"

namespace locustpp::cluster {
namespace {

using locustpp::value;
using error_code = boost::system::error_code;

// Locust's timings (runners.py): heartbeat every second, a report every 3 s,
// client_ready again every 5 s until acked (60 times), and a master silent
// for 60 s after it once answered heartbeats is gone.
constexpr std::chrono::seconds heartbeat_interval{1};
constexpr int report_every_heartbeats = 3;
constexpr int announce_every_heartbeats = 5;
constexpr int announce_attempts = 60;
constexpr double default_master_timeout_seconds = 60;
// A master that answered heartbeats and has been silent this long may have
// restarted: the worker announces itself again (until acked).
constexpr double master_silence_before_announcing = 5;
// More users than this on one worker is a master's mistake, not a target.
constexpr std::uint64_t max_users_per_worker = 1'000'000;

// The state a heartbeat carries: after client_stopped a worker is ready again.
std::string_view heartbeat_state(locustpp_runner_state state) {
  return state == LOCUSTPP_STATE_STOPPED ? "ready" : control::state_name(state);
}

// An option value sent in the master's parsed_options, as the option's text values.
std::vector<std::string> option_texts(const value& given) {
  std::vector<std::string> texts;
  auto text_of = [](const value& item) -> std::string {
    switch (item.type()) {
      case value::kind::string:
        return std::string(item.text());
      case value::kind::boolean:
        return item.flag() ? "true" : "false";
      case value::kind::integer:
      case value::kind::unsigned_integer:
        return item.type() == value::kind::integer ? std::to_string(item.integer())
                                                   : std::to_string(item.unsigned_integer());
      case value::kind::floating:
        return fmt::format("{}", item.number());
      default:
        return "";
    }
  };
  if (given.is_array()) {
    for (const value& item : given.items()) texts.push_back(text_of(item));
  } else if (!given.is_nil()) {
    texts.push_back(text_of(given));
  }
  return texts;
}

// LOCUSTPP_MASTER_HEARTBEAT_TIMEOUT (seconds) shortens the 60 s, for tests
// (as Locust's tests patch MASTER_HEARTBEAT_TIMEOUT).
double master_timeout_seconds() {
  const char* text = std::getenv("LOCUSTPP_MASTER_HEARTBEAT_TIMEOUT");
  double seconds = text != nullptr ? std::strtod(text, nullptr) : 0;
  return seconds > 0 ? seconds : default_master_timeout_seconds;
}

}  // namespace

class worker_node::impl {
 public:
  impl(const cli::run_options& options, const plugin::catalog& catalog, control::controller& controller,
       runtime::host_state& state, runtime::event_bus& events, message_board& messages)
      : options_(options),
        catalog_(catalog),
        controller_(controller),
        state_(state),
        events_(events),
        messages_(messages) {
    link_ = zmq_link::connect_dealer(options.master_host, options.master_port, node_id_,
                                     [this](std::string, std::string payload) {
                                       state_.control.post([this, payload = std::move(payload)] { receive(payload); });
                                     });
    link_->set_linger(std::chrono::milliseconds(1500));
    controller_.collect_reports_into(&span_);
    controller_.on_test_stopped([this] { test_stopped(); });
    controller_.on_quit([this] { quitting(); });
    messages_.carry_with([this](const std::string& type, value data, const std::string&) {
      if (!quit_) send(type, std::move(data));
    });
  }

  ~impl() {
    controller_.collect_reports_into(nullptr);
    messages_.carry_with(nullptr);
  }

  void start() {
    spdlog::info("Worker {} connecting to the master at {}:{}", node_id_, options_.master_host, options_.master_port);
    send("client_ready", -1);  // -1: no version check (any Locust 2.x master accepts it silently)
    beat(1);
  }

 private:
  // ---- to the master ---------------------------------------------------------------
  void send(std::string type, value data) {
    link_->send("", encode_message(wire_message{std::move(type), std::move(data), node_id_}));
  }

  void beat(int count) {
    timer_.expires_after(heartbeat_interval);
    timer_.async_wait([this, count](error_code ec) {
      if (ec || quit_) return;
      runtime::usage_sample usage = usage_.sample();
      send("heartbeat", value::map()
                            .set("state", heartbeat_state(controller_.state()))
                            .set("current_cpu_usage", usage.cpu_percent)
                            .set("current_memory_usage", usage.rss_bytes));
      if (count % report_every_heartbeats == 0) report();
      double silent = stats::epoch_seconds_now() - last_heard_from_master_;
      if (heard_heartbeat_ && silent > master_timeout_) {
        spdlog::error("Didn't get heartbeat from master in over {}s, quitting", master_timeout_);
        state_.exit_code_override.store(1);
        return controller_.quit();
      }
      if (acked_ && heard_heartbeat_ && silent > master_silence_before_announcing) {
        spdlog::warn("No heartbeat from the master for {:.0f} s: announcing this worker again", silent);
        acked_ = false;
        unacked_announcements_ = 0;
        send("client_ready", -1);
      }
      if (!acked_ && count % announce_every_heartbeats == 0) announce_again();
      beat(count + 1);
    });
  }

  void announce_again() {
    if (++unacked_announcements_ >= announce_attempts) {
      spdlog::error("Failed to connect to the Locust master at {}:{}: no answer to {} attempts", options_.master_host,
                    options_.master_port, announce_attempts);
      state_.exit_code_override.store(1);
      return controller_.quit();
    }
    spdlog::debug("No ack from the master yet: announcing again");
    send("client_ready", -1);
  }

  // Statistics since the last report (deltas), as Locust's workers send them every 3 s.
  void report() {
    double now = stats::epoch_seconds_now();
    value data = report_of(span_, span_start_);
    data.set("user_classes_count", users_by_class()).set("user_count", controller_.user_count());
    report_handle handle{&data, true, {}};  // listeners add their keys (Locust's report_to_master)
    locustpp_node_event payload{sizeof(locustpp_node_event), abi_of(node_id_), now, &handle};
    events_.fire(LOCUSTPP_EVENT_REPORT_TO_MASTER, &payload);
    // A Python master counts user errors from `exception` messages, one per
    // message; ours reads the exact counts from the report and skips these.
    span_.for_each_exception([&](std::string_view message, const stats::exception_tally& tally) {
      send("exception",
           value::map().set("msg", message).set("traceback", tally.traceback).set("locustpp_counted_in_report", true));
    });
    send("stats", std::move(data));
    span_.clear();
    span_start_ = now;
  }

  value users_by_class() const {
    value counts = value::map();
    const auto& classes = controller_.plan().classes;
    std::vector<std::uint64_t> running = controller_.users_per_class();
    for (std::size_t i = 0; i < classes.size() && i < running.size(); ++i)
      counts.set(classes[i].model->name, running[i]);
    return counts;
  }

  void refuse(const std::string& why) {
    spdlog::error("{}", why);
    send("exception", value::map().set("msg", why).set("traceback", ""));
  }

  // ---- from the master -------------------------------------------------------------
  void receive(const std::string& payload) {
    if (quit_) return;
    std::string problem;
    std::optional<wire_message> message = decode_message(payload, problem);
    if (!message) return spdlog::warn("Ignored a message from the master that is {}", problem);
    last_heard_from_master_ = stats::epoch_seconds_now();
    const value& data = message->data;
    if (message->type == "ack") return acknowledged(data);
    if (message->type == "spawn") return spawn(data);
    if (message->type == "stop") return stop();
    if (message->type == "quit") {
      spdlog::info("Got quit message from master, shutting down...");
      return controller_.quit();
    }
    if (message->type == "reconnect") {
      spdlog::warn("Received reconnect message from master. Resetting RPC connection.");
      return link_->reconnect();
    }
    if (message->type == "heartbeat") return master_heartbeat();
    if (message->type == "update_user_class") return update_user_class(data);
    if (message->type == "spawning_complete") return;
    if (!messages_.deliver(message->type, data, "")) {
      spdlog::warn("Unknown message type received from the master: {}", message->type);
    }
  }

  void acknowledged(const value& data) {
    auto index = static_cast<std::uint32_t>(data["index"].unsigned_integer());
    if (!acked_ || index != state_.worker_index.load()) spdlog::info("Connected to the master as worker {}", index);
    acked_ = true;
    unacked_announcements_ = 0;
    state_.worker_index.store(index);
  }

  void master_heartbeat() {
    heard_heartbeat_ = true;
    locustpp_node_event payload{sizeof(locustpp_node_event), abi_of(node_id_), last_heard_from_master_, nullptr};
    events_.fire(LOCUSTPP_EVENT_HEARTBEAT_RECEIVED, &payload);
  }

  void spawn(const value& data) {
    double timestamp = data["timestamp"].number();
    if (timestamp <= last_spawn_timestamp_) {
      return spdlog::warn("Discarded a spawn message from the master older than the last one");
    }
    last_spawn_timestamp_ = timestamp;
    send("spawning", value());
    const value& wanted = data["user_classes_count"];
    if (!wanted.is_map()) return refuse("A spawn message without user_classes_count: ignored");
    const auto& classes = controller_.plan().classes;
    std::vector<std::uint64_t> targets(classes.size(), 0);
    std::vector<std::string> unknown;
    for (const auto& [name, count] : wanted.entries()) {
      auto known = std::find_if(classes.begin(), classes.end(),
                                [&](const auto& planned) { return name.text() == planned.model->name; });
      if (!name.is_string() || (known == classes.end() && count.unsigned_integer() > 0)) {
        unknown.push_back(name.is_string() ? std::string(name.text()) : "(not a name)");
      } else if (known != classes.end()) {
        targets[static_cast<std::size_t>(known - classes.begin())] = count.unsigned_integer();
      }
    }
    if (!unknown.empty()) {
      std::vector<std::string> mine;
      for (const auto& planned : classes) mine.push_back(planned.model->name);
      return refuse(fmt::format("Worker {} refused a spawn: it has no user class {} (its classes: {})", node_id_,
                                fmt::join(unknown, ", "), fmt::join(mine, ", ")));
    }
    std::uint64_t total = 0;
    for (std::uint64_t count : targets) total += std::min(count, max_users_per_worker + 1);
    if (total > max_users_per_worker) {
      return refuse(fmt::format("Worker {} refused a spawn of {} users: at most {} per worker", node_id_, total,
                                max_users_per_worker));
    }
    apply_parsed_options(data["parsed_options"]);
    std::optional<std::string> host;
    if (data["host"].is_string()) host = std::string(data["host"].text());
    if (std::string problem = controller_.apply_class_targets(targets, host); !problem.empty()) {
      return refuse(fmt::format("Worker {} refused a spawn: {}", node_id_, problem));
    }
    send("spawning_complete", value::map().set("user_classes_count", users_by_class()).set("user_count", total));
  }

  // A class changed on the master (its /user): ours changes alike.
  void update_user_class(const value& data) {
    runtime::class_settings settings;
    settings.user_class = std::string(data["user_class_name"].text());
    if (data["weight"].is_number()) settings.weight = data["weight"].number();
    if (data["fixed_count"].is_number())
      settings.fixed_count = static_cast<std::uint32_t>(data["fixed_count"].unsigned_integer());
    if (data["host"].is_string()) settings.host = std::string(data["host"].text());
    if (data["tasks"].is_array()) {
      settings.tasks.emplace();
      for (const value& task : data["tasks"].items()) settings.tasks->emplace_back(task.text());
    }
    if (std::string problem = controller_.update_class(settings); !problem.empty()) {
      spdlog::error("The master's change of user class {} was refused: {}", settings.user_class, problem);
    }
  }

  // Locust forwards every option in parsed_options; the modules' own
  // arguments take the master's values, so every node reads the same.
  void apply_parsed_options(const value& parsed) {
    if (!parsed.is_map()) return;
    for (const cli::plugin_argument& argument : catalog_.arguments) {
      auto [name, dest] = names_of(argument);
      const value* given = parsed.find(dest);
      if (given != nullptr && !given->is_nil()) state_.options.set(name, option_texts(*given));
    }
  }

  void stop() {
    locustpp_runner_state now = controller_.state();
    if (now == LOCUSTPP_STATE_SPAWNING || now == LOCUSTPP_STATE_RUNNING || now == LOCUSTPP_STATE_STOPPING) {
      return controller_.stop();  // test_stopped() follows when the users have stopped
    }
    test_stopped();
  }

  // The users are gone: the master hears it, then that this worker is ready again.
  void test_stopped() {
    report();
    send("client_stopped", value());
    send("client_ready", -1);
    last_spawn_timestamp_ = 0;  // a new test's spawns may come from a restarted master
  }

  // Last words: what was recorded since the last report, then quit.
  void quitting() {
    quit_ = true;
    timer_.cancel();
    report();
    send("quit", value());
  }

  const cli::run_options& options_;
  const plugin::catalog& catalog_;
  control::controller& controller_;
  runtime::host_state& state_;
  runtime::event_bus& events_;
  message_board& messages_;
  std::string node_id_ = make_node_id();
  std::unique_ptr<zmq_link> link_;
  boost::asio::steady_timer timer_{state_.control.io()};
  runtime::process_usage usage_;
  stats::stats_shard span_;  // what the threads recorded since the last report
  double span_start_ = stats::epoch_seconds_now();
  double last_spawn_timestamp_ = 0;
  double last_heard_from_master_ = 0;  // epoch s of its last message
  bool heard_heartbeat_ = false;       // only a master that answers heartbeats can be missed
  bool acked_ = false;
  int unacked_announcements_ = 0;
  double master_timeout_ = master_timeout_seconds();
  bool quit_ = false;
};

worker_node::worker_node(const cli::run_options& options, const plugin::catalog& catalog,
                         control::controller& controller, runtime::host_state& state, runtime::event_bus& events,
                         message_board& messages)
    : impl_(std::make_unique<impl>(options, catalog, controller, state, events, messages)) {}
worker_node::~worker_node() = default;

void worker_node::start() {
  impl_->start();
}

}  // namespace locustpp::cluster
