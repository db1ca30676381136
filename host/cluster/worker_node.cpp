// The worker node (see worker_node.hpp). Every member runs on the control
// thread, except the heartbeat, which the socket's thread sends from values
// any thread may read, so that it never waits behind a report or a busy
// control thread. What the master sends is checked like any peer's input:
// limits by type before decoding, option values as the command line checks
// them, counts and texts bounded.
#include "cluster/worker_node.hpp"

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include <algorithm>
#include <atomic>
#include <boost/asio/io_context.hpp>
#include <boost/asio/steady_timer.hpp>
#include <chrono>
#include <cmath>
#include <cstdlib>
#include <deque>
#include <mutex>

#include "abi/abi_text.hpp"
#include "cluster/message_limits.hpp"
#include "cluster/node_id.hpp"
#include "cluster/parsed_options.hpp"
#include "cluster/report_outbox.hpp"
#include "cluster/stats_wire.hpp"
#include "cluster/wire_message.hpp"
#include "cluster/zmq_link.hpp"
#include "control/run_state.hpp"
#include "runtime/log_limiter.hpp"
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
// Messages handled per turn of the control loop.
constexpr std::size_t messages_per_turn = 64;
// A host (or any text of a spawn's) longer than this is not a host.
constexpr std::size_t max_host_bytes = 8 * 1024;
// A report waits while this much of the earlier ones is not acknowledged:
// the master is behind, and a worker that kept sending would only fill its
// inbox (and lose reports there). The statistics wait in this worker.
constexpr std::size_t report_window_bytes = std::size_t{32} << 20;
// The worker opens a new connection at most this often.
constexpr double reconnect_every_seconds = 5;
// Protocol messages whose data Locust ignores: between locustpp nodes they
// carry the worker's token in a map instead of nil.
constexpr std::string_view token_carriers[] = {"spawning", "client_stopped", "quit"};

// The state a heartbeat carries: after client_stopped a worker is ready again.
std::string_view heartbeat_state(control::run_state state) {
  return state == control::run_state::stopped ? "ready" : control::state_name(state);
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
       runtime::host_state& state, runtime::event_bus& events, message_board& messages,
       std::optional<curve_key_pair> key)
      : options_(options),
        catalog_(catalog),
        controller_(controller),
        state_(state),
        events_(events),
        messages_(messages) {
    link_ = zmq_link::connect_dealer(
        options.master_host, options.master_port, node_id_, [this] { state_.control.post([this] { drain(); }); },
        std::move(key));
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
    link_.reset();  // sends what is queued, and joins the thread that calls heartbeat_message()
  }

  void start() {
    spdlog::info("Worker {} connecting to the master at {}:{}", node_id_, options_.master_host, options_.master_port);
    send("client_ready", -1);  // -1: no version check (any Locust 2.x master accepts it silently)
    link_->send_every(heartbeat_interval, [this] { return heartbeat_message(); });
    beat(1);
  }

 private:
  // ---- to the master ---------------------------------------------------------------
  void send(std::string type, value data) {
    link_->send("", encode_message(wire_message{type, with_token(type, std::move(data)), node_id_}));
  }

  // Between locustpp nodes (the master's ack gave a token), every message
  // of the protocol but client_ready says whose it is; module messages keep
  // the data their module gave.
  value with_token(std::string_view type, value data) const {
    std::string token = current_token();
    if (token.empty() || type == "client_ready" || type == "heartbeat") return data;
    bool carrier = std::find(std::begin(token_carriers), std::end(token_carriers), type) != std::end(token_carriers);
    if (data.is_nil() && carrier) data = value::map();
    bool protocol = carrier || type == "stats" || type == "exception" || type == "spawning_complete";
    if (protocol && data.is_map()) data.set("locustpp_token", token);
    return data;
  }

  std::string current_token() const {
    std::lock_guard guard(token_lock_);
    return token_;
  }

  // On the socket's thread, every second: Locust's heartbeat, plus what
  // this worker recorded and has not reported (a master that loses it can
  // say how much was lost) and its token. Reads only atomics and its own
  // usage sampler.
  std::string heartbeat_message() {
    runtime::usage_sample usage = heartbeat_usage_.sample();
    auto state = static_cast<control::run_state>(state_.runner_state.load());
    value data = value::map()
                     .set("state", heartbeat_state(state))
                     .set("current_cpu_usage", usage.cpu_percent)
                     .set("current_memory_usage", usage.rss_bytes)
                     .set("locustpp_unreported", unreported_.load());
    if (std::string token = current_token(); !token.empty()) data.set("locustpp_token", token);
    return encode_message(wire_message{"heartbeat", std::move(data), node_id_});
  }

  void beat(int count) {
    timer_.expires_after(heartbeat_interval);
    timer_.async_wait([this, count](error_code ec) {
      if (ec || quit_) return;
      unreported_.store(span_.num_requests());
      if (count % report_every_heartbeats == 0) report(false);
      double silent = stats::epoch_seconds_now() - last_heard_from_master_;
      if (heard_heartbeat_ && silent > master_timeout_) {
        spdlog::error("Didn't get heartbeat from master in over {}s, quitting", master_timeout_);
        controller_.set_exit_code(1);
        return controller_.quit();
      }
      if (acked_ && heard_heartbeat_ && silent > master_silence_before_announcing) {
        spdlog::warn("No heartbeat from the master for {:.0f} s: connecting and announcing this worker again", silent);
        acked_ = false;
        unacked_announcements_ = 0;
        reconnect();  // a new connection, in case the master no longer hears the old one
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
      controller_.set_exit_code(1);
      return controller_.quit();
    }
    spdlog::debug("No ack from the master yet: connecting and announcing again");
    // A master that still held this worker's old connection when the new one
    // came does not hear the new one: another new one gets through.
    if (heard_heartbeat_) reconnect();
    send("client_ready", -1);
  }

  // Statistics since the last report (deltas), as Locust's workers send them
  // every 3 s: in pieces when there are many names, each a whole report for
  // any Locust master; modules add their keys to the first. A periodic report
  // waits while a locustpp master is behind; the last ones (`final`) go anyway.
  void report(bool final) {
    if (!final && reports_.unacknowledged_bytes() > report_window_bytes) {
      return limited_.warn("window",
                           "The master has not taken this worker's earlier reports yet: the next one "
                           "waits (its statistics are kept here until then)");
    }
    double now = stats::epoch_seconds_now();
    std::vector<value> pieces = report_pieces(span_, span_start_);
    value counts = users_by_class();
    for (value& piece : pieces) piece.set("user_classes_count", counts).set("user_count", controller_.user_count());
    report_handle handle{&pieces.front(), true, {}};  // listeners add their keys (Locust's report_to_master)
    locustpp_node_event payload{sizeof(locustpp_node_event), abi_of(node_id_), now, &handle};
    events_.fire(LOCUSTPP_EVENT_REPORT_TO_MASTER, &payload);
    // A Python master counts user errors from `exception` messages, one per
    // message; ours reads the exact counts from the report and skips these.
    span_.for_each_exception([&](std::string_view message, const stats::exception_tally& tally) {
      send("exception",
           value::map().set("msg", message).set("traceback", tally.traceback).set("locustpp_counted_in_report", true));
    });
    for (value& piece : pieces) send_report(std::move(piece));
    span_.clear();
    span_start_ = now;
    unreported_.store(0);
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
  void drain() {
    bool more = false;
    for (inbox::message& message : link_->received().take(messages_per_turn, more)) receive(message.payload);
    if (more) state_.control.post([this] { drain(); });
    for (const auto& [peer, tally] : link_->received().take_drops()) {
      limited_.warn("drops", fmt::format("Dropped {} messages from the master: it sends faster than they can be "
                                         "handled",
                                         tally.messages));
    }
  }

  void receive(const std::string& payload) {
    if (quit_) return;
    std::string_view kind = peek_type(payload).value_or("");
    message_limits limits = limits_for(kind, message_direction::to_worker, messages_.handles(kind));
    std::string problem;
    std::optional<wire_message> message = decode_message(payload, problem, limits);
    if (!message) return limited_.warn("garbled", "Ignored a message from the master that is " + problem);
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
      return reconnect();
    }
    if (message->type == "heartbeat") return master_heartbeat(data);
    if (message->type == "update_user_class") return update_user_class(data);
    if (message->type == "spawning_complete") return;
    if (!messages_.deliver(message->type, data, "")) {
      spdlog::warn("Unknown message type received from the master: {}", message->type);
    }
  }

  void acknowledged(const value& data) {
    auto index = static_cast<std::uint32_t>(std::min<std::uint64_t>(data["index"].unsigned_integer(), UINT32_MAX));
    if (const value& token = data["locustpp_token"]; token.is_string() && token.text().size() <= 64) {
      std::lock_guard guard(token_lock_);
      if (token.text() != token_) {
        // A new master (or one that forgot this worker): it numbers this
        // worker's reports from 1, and what the old one missed is not its.
        token_ = std::string(token.text());
        reports_.restart();
      }
    }
    if (!acked_ || index != state_.worker_index.load()) spdlog::info("Connected to the master as worker {}", index);
    acked_ = true;
    unacked_announcements_ = 0;
    state_.worker_index.store(index);
    // The master hears this connection: what it has not acknowledged goes again
    // (it may have been lost with an old connection; the master drops repeats).
    reports_.acknowledged(data);
    for (const auto& [sequence, bytes] : reports_.unacknowledged()) link_->send("", bytes);
  }

  void master_heartbeat(const value& data) {
    reports_.acknowledged(data);
    heard_heartbeat_ = true;
    locustpp_node_event payload{sizeof(locustpp_node_event), abi_of(node_id_), last_heard_from_master_, nullptr};
    events_.fire(LOCUSTPP_EVENT_HEARTBEAT_RECEIVED, &payload);
  }

  // A report piece, numbered, and kept until a locustpp master acknowledges it (report_outbox.hpp).
  void send_report(value piece) {
    std::uint64_t sequence = reports_.next_sequence();
    piece.set("locustpp_seq", sequence);
    std::string bytes = encode_message(wire_message{"stats", with_token("stats", std::move(piece)), node_id_});
    if (!current_token().empty() && !reports_.keep(sequence, bytes)) {
      limited_.error("unacknowledged",
                     "The master has not acknowledged this worker's reports for a long while: "
                     "the oldest are given up (the master will say they are missing)");
    }
    link_->send("", std::move(bytes));
  }

  // A new connection (the old one may be dead or no longer heard), at most
  // once every few seconds.
  void reconnect() {
    double now = stats::epoch_seconds_now();
    if (now - last_reconnect_ < reconnect_every_seconds) return;
    last_reconnect_ = now;
    link_->reconnect();
  }

  void spawn(const value& data) {
    double timestamp = data["timestamp"].number();
    if (!std::isfinite(timestamp)) return refuse("A spawn message without a timestamp: ignored");
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
      if (!(count.type() == value::kind::integer && count.integer() >= 0) &&
          count.type() != value::kind::unsigned_integer) {
        return refuse(fmt::format("Worker {} refused a spawn: a user count that is not a whole number >= 0", node_id_));
      }
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
    const auto most = static_cast<std::uint64_t>(options_.max_users_per_process);
    std::uint64_t total = 0;
    for (std::uint64_t count : targets) total += std::min(count, most + 1);
    if (total > most) {
      return refuse(
          fmt::format("Worker {} refused a spawn of {} users: at most {} per process "
                      "(--max-users-per-process sets it)",
                      node_id_, total, most));
    }
    control::test_request request;
    request.users = total;
    request.class_targets = std::move(targets);
    // Locust forwards every option in parsed_options; the modules' own
    // arguments take the master's values, so every node reads the same.
    // Each is checked against its declared type and choices as the command
    // line checks it (then nothing is applied when one is wrong).
    if (std::string problem = read_module_arguments(data["parsed_options"], catalog_.arguments, request.arguments);
        !problem.empty()) {
      return refuse(fmt::format("Worker {} refused a spawn: {}", node_id_, problem));
    }
    if (data["host"].is_string()) {
      if (data["host"].text().size() > max_host_bytes) {
        return refuse(fmt::format("Worker {} refused a spawn: a host of {} bytes (at most {})", node_id_,
                                  data["host"].text().size(), max_host_bytes));
      }
      request.host = std::string(data["host"].text());
    }
    if (std::string problem = controller_.start(request); !problem.empty()) {
      return refuse(fmt::format("Worker {} refused a spawn: {}", node_id_, problem));
    }
    send("spawning_complete", value::map().set("user_classes_count", users_by_class()).set("user_count", total));
  }

  // A class changed on the master (its /user): ours changes alike.
  void update_user_class(const value& data) {
    runtime::class_settings settings;
    settings.user_class = std::string(data["user_class_name"].text());
    auto refused = [&](const char* why) {
      spdlog::error("The master's change of user class {} was refused: {}", settings.user_class, why);
    };
    const value &weight = data["weight"], &fixed_count = data["fixed_count"], &host = data["host"],
                &tasks = data["tasks"];
    if (!weight.is_nil() && !(weight.is_number() && std::isfinite(weight.number()) && weight.number() >= 0)) {
      return refused("its weight is not a number >= 0");
    }
    if (!fixed_count.is_nil() && !(fixed_count.type() == value::kind::integer && fixed_count.integer() >= 0 &&
                                   fixed_count.unsigned_integer() <= UINT32_MAX)) {
      return refused("its fixed_count is not a whole number within a worker's users");
    }
    if (!host.is_nil() && !(host.is_string() && host.text().size() <= max_host_bytes)) {
      return refused("its host is not a text of at most 8 KiB");
    }
    if (!tasks.is_nil() && !tasks.is_array()) return refused("its tasks are not a list");
    if (weight.is_number()) settings.weight = weight.number();
    if (fixed_count.is_number()) settings.fixed_count = static_cast<std::uint32_t>(fixed_count.unsigned_integer());
    if (host.is_string()) settings.host = std::string(host.text());
    if (tasks.is_array()) {
      settings.tasks.emplace();
      for (const value& task : tasks.items()) {
        if (!task.is_string()) return refused("a task that is not a name");
        settings.tasks->emplace_back(task.text());
      }
    }
    if (std::string problem = controller_.update_class(settings); !problem.empty()) {
      spdlog::error("The master's change of user class {} was refused: {}", settings.user_class, problem);
    }
  }

  void stop() {
    if (control::test_active(controller_.state())) {
      return controller_.stop();  // test_stopped() follows when the users have stopped
    }
    test_stopped();
  }

  // The users are gone: the master hears it, then that this worker is ready again.
  void test_stopped() {
    report(true);
    send("client_stopped", value());
    send("client_ready", -1);
    last_spawn_timestamp_ = 0;  // a new test's spawns may come from a restarted master
  }

  // Last words: what was recorded since the last report, then quit.
  void quitting() {
    quit_ = true;
    timer_.cancel();
    report(true);
    send("quit", value::map().set("locustpp_reports", reports_.sent()));
    // Heartbeats went on while the last report was made: the master waits for a worker it still hears.
    link_->send_every(heartbeat_interval, nullptr);
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
  runtime::process_usage heartbeat_usage_;    // the socket's thread only
  std::atomic<std::uint64_t> unreported_{0};  // requests in span_ (the heartbeat reads it on the socket's thread)
  mutable std::mutex token_lock_;
  std::string token_;  // from the master's ack; guarded by token_lock_
  report_outbox reports_;
  double last_reconnect_ = 0;  // epoch s
  runtime::log_limiter limited_;
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
                         message_board& messages, std::optional<curve_key_pair> key)
    : impl_(std::make_unique<impl>(options, catalog, controller, state, events, messages, std::move(key))) {}
worker_node::~worker_node() = default;

void worker_node::start() {
  impl_->start();
}

}  // namespace locustpp::cluster
