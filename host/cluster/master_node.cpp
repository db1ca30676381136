// The master node (see master_node.hpp). Every member runs on the control
// thread. Nothing a worker sends is trusted: what waits for this thread is
// bounded (the link's inbox), a message's type sets its limits before its
// data is decoded, every field and number is checked before use, a message
// with a worker's id but not its token is not the worker's, a garbled one
// gets `reconnect` (as Locust answers it), never a crash, and the lines a
// peer can cause are rate-limited. Results that a worker recorded and
// never reported are never lost silently: the master says so and its exit
// code says so.
#include "cluster/master_node.hpp"

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include <boost/asio/io_context.hpp>
#include <boost/asio/steady_timer.hpp>
#include <chrono>
#include <cmath>
#include <map>
#include <set>

#include "abi/abi_text.hpp"
#include "cluster/lost_results.hpp"
#include "cluster/message_limits.hpp"
#include "cluster/parsed_options.hpp"
#include "cluster/stats_wire.hpp"
#include "cluster/wire_message.hpp"
#include "cluster/worker_roster.hpp"
#include "cluster/zmq_link.hpp"
#include "runtime/log_limiter.hpp"
#include "stats/clock.hpp"

namespace locustpp::cluster {
namespace {

using locustpp::value;
using error_code = boost::system::error_code;
using std::chrono::milliseconds;
using std::chrono::seconds;

// Locust's timings (runners.py).
constexpr milliseconds report_wait{1000};  // for the workers' counts after the last spawn
// At quit, the workers' last reports are awaited while they are heard (their
// heartbeats go on while they make them), until one is silent this long...
constexpr seconds quit_silence{3};
// ... and at most this long in all.
constexpr seconds longest_quit_wait{60};
constexpr double stop_wait_extra_seconds = 10;  // beyond --stop-timeout, for the workers' client_stopped
constexpr double cpu_warning_percent = 90;
// Messages handled per turn of the control loop before timers and the web
// UI get theirs.
constexpr std::size_t messages_per_turn = 64;
// A roster of this many workers takes no more (a peer inventing ids cannot
// grow it without bound).
constexpr std::size_t max_workers = 5000;

// 127.x.x.x, ::1 or localhost: only this machine reaches it.
bool is_loopback_host(std::string_view host) {
  return host.rfind("127.", 0) == 0 || host == "::1" || host == "[::1]" || host == "localhost";
}

}  // namespace

class master_node::impl final : public control::user_pool {
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
    bool authenticated = key.has_value();
    link_ = zmq_link::bind_router(
        options.master_bind_host, options.master_bind_port, [this] { state_.control.post([this] { drain(); }); },
        std::move(key));
    link_->set_linger(milliseconds(500));
    spdlog::info("Master listening for workers on {}:{}{}", options.master_bind_host, link_->port(),
                 authenticated ? " (CURVE: only nodes that hold the cluster key)" : "");
    if (!authenticated) warn_of_plain_link();
    listener_ = &controller_.use_pool(*this);
    messages_.carry_with(
        [this](const std::string& type, value data, const std::string& to) { send_custom(type, data, to); },
        [this] { return roster_.live(); });
    tick();
  }

  ~impl() override { messages_.carry_with(nullptr); }

  // Locust's plain protocol: whoever reaches the port can join as a worker,
  // read the test's options and send results. Said at start, as the web UI
  // says it when it is exposed without a login.
  void warn_of_plain_link() const {
    if (!is_loopback_host(options_.master_bind_host)) {
      spdlog::warn(
          "The master listens on {} without a cluster key: any node that reaches port {} can join as a "
          "worker, read the test's options and send results. Use --cluster-key-file (locustpp "
          "--cluster-key-generate FILE makes one), or --master-bind-host 127.0.0.1 for workers on this "
          "machine",
          options_.master_bind_host, link_->port());
    }
    std::vector<std::string> secrets;
    for (const cli::plugin_argument& argument : catalog_.arguments) {
      if (argument.is_secret) secrets.push_back(argument.name);
    }
    if (!secrets.empty()) {
      spdlog::warn("Secret module arguments go to the workers in plain text without a cluster key: {}",
                   fmt::join(secrets, ", "));
    }
  }

  int port() const noexcept { return link_->port(); }

  void when_workers_ready(std::function<void()> start) {
    if (!options_.headless && !options_.autostart) return start();  // the web UI starts it
    waiting_since_ = std::chrono::steady_clock::now();
    wait_for_workers(std::move(start));
  }

  std::vector<control::worker_summary> workers() const override { return roster_.summaries(); }

  // ---- control::user_pool ------------------------------------------------------------

  std::string can_start() const override {
    if (roster_.live().empty()) {
      return "You can't start a distributed test before at least one worker processes has connected";
    }
    return "";
  }

  std::size_t executors() const override { return roster_.live().size(); }

  // Every live worker gets its absolute counts from the dispatcher's split
  // (in dispatch order); after the last dispatch of a ramp, the workers have
  // a second to confirm them.
  void apply(const control::dispatcher& plan, bool last) override {
    if (!test_running_) {
      spdlog::info("Sending spawn jobs of {} users at {:.2f} spawn rate to {} ready workers",
                   controller_.target_user_count(), controller_.spawn_rate(), roster_.live().size());
    }
    test_running_ = true;
    dispatched_ = plan.total();
    report_timer_.cancel();
    send_targets(plan);
    if (last) wait_for_reports(std::chrono::steady_clock::now() + report_wait);
  }

  void stop() override {
    report_timer_.cancel();
    test_running_ = false;
    dispatched_ = 0;
    awaiting_stop_.clear();
    for (const std::string& id : roster_.live()) {
      send(id, "stop", value());
      roster_.find(id)->state = control::worker_state::stopping;
      awaiting_stop_.insert(id);
    }
    if (awaiting_stop_.empty()) return listener_->pool_stopped();
    stop_timer_.expires_after(std::chrono::duration_cast<std::chrono::steady_clock::duration>(
        std::chrono::duration<double>(options_.stop_timeout + stop_wait_extra_seconds)));
    stop_timer_.async_wait([this](error_code ec) {
      if (ec || awaiting_stop_.empty()) return;
      spdlog::warn("{} workers did not confirm the stop in time: going on without them", awaiting_stop_.size());
      awaiting_stop_.clear();
      listener_->pool_stopped();
    });
  }

  // A second signal: the workers that have not confirmed the stop are not waited for.
  void give_up_stopping() override {
    if (awaiting_stop_.empty()) return;
    stop_timer_.cancel();
    awaiting_stop_.clear();
    listener_->pool_stopped();
  }

  void quit(std::function<void()> done) override {
    quit_done_ = std::move(done);
    quitting_ = true;
    awaiting_quit_.clear();
    for (const std::string& id : roster_.ids()) send(id, "quit", value());
    for (const std::string& id : roster_.live()) awaiting_quit_.insert(id);
    if (awaiting_quit_.empty()) return finish_quit();
    quit_asked_ = last_heard_while_quitting_ = std::chrono::steady_clock::now();
    await_last_reports();
  }

  void await_last_reports() {
    quit_timer_.expires_after(milliseconds(250));
    quit_timer_.async_wait([this](error_code ec) {
      if (ec || !quit_done_) return;
      auto now = std::chrono::steady_clock::now();
      if (now - last_heard_while_quitting_ < quit_silence && now - quit_asked_ < longest_quit_wait) {
        return await_last_reports();
      }
      spdlog::warn("{} workers did not send their last report in time (silent for {} s, or {} s in all)",
                   awaiting_quit_.size(), quit_silence.count(), longest_quit_wait.count());
      for (const std::string& id : awaiting_quit_) {
        if (worker_record* worker = roster_.find(id)) lost_.no_last_report(*worker, describe(*worker));
      }
      finish_quit();
    });
  }

  std::vector<std::uint64_t> users_per_class() const override { return roster_.users_per_class(); }

  // Locust's update_user_class (2.25+): the /user settings, to every worker.
  void class_updated(const runtime::class_settings& settings) override {
    value update = value::map().set("user_class_name", settings.user_class);
    if (settings.weight) update.set("weight", *settings.weight);
    if (settings.fixed_count) update.set("fixed_count", *settings.fixed_count);
    if (settings.host) update.set("host", *settings.host);
    if (settings.tasks) {
      value tasks = value::array();
      for (const std::string& task : *settings.tasks) tasks.push(task);
      update.set("tasks", std::move(tasks));
    }
    for (const std::string& id : roster_.live()) send(id, "update_user_class", update);
  }

 private:
  void send(const std::string& id, std::string type, value data) {
    link_->send(id, encode_message(wire_message{std::move(type), std::move(data), id}));
  }

  std::string describe(const worker_record& worker) const {
    return fmt::format("Worker {} (index {})", worker.id, worker.index);
  }

  // A module's message: to worker `to`, or to every worker when it is empty.
  void send_custom(const std::string& type, const value& data, const std::string& to) {
    if (to.empty()) {
      for (const std::string& id : roster_.live()) send(id, type, data);
    } else if (roster_.find(to) != nullptr) {
      send(to, type, data);
    } else {
      spdlog::warn("Message '{}' for worker {}: no such worker", type, to);
    }
  }

  // ---- waiting for --expect-workers ------------------------------------------------

  void wait_for_workers(std::function<void()> start) {
    if (roster_.count_in_state(control::worker_state::ready) >= static_cast<std::size_t>(options_.expect_workers))
      return start();
    double waited = std::chrono::duration<double>(std::chrono::steady_clock::now() - waiting_since_).count();
    if (options_.expect_workers_max_wait > 0 && waited >= options_.expect_workers_max_wait) {
      spdlog::error("Gave up waiting for workers to connect");
      controller_.set_exit_code(1);
      return controller_.quit();
    }
    spdlog::info("Waiting for workers to be ready, {} of {} connected",
                 roster_.count_in_state(control::worker_state::ready), options_.expect_workers);
    wait_timer_.expires_after(seconds(1));
    wait_timer_.async_wait([this, start = std::move(start)](error_code ec) mutable {
      if (!ec) wait_for_workers(std::move(start));
    });
  }

  // ---- dispatch ----------------------------------------------------------------------

  void send_targets(const control::dispatcher& plan) {
    std::vector<std::string> order = roster_.live();
    double now = std::max(stats::epoch_seconds_now(), last_spawn_timestamp_ + 1e-6);  // strictly increasing
    last_spawn_timestamp_ = now;
    value options = parsed_options();
    const auto& classes = controller_.plan().classes;
    for (std::size_t k = 0; k < order.size(); ++k) {
      value counts = value::map();
      for (std::size_t c = 0; c < classes.size(); ++c) counts.set(classes[c].model->name, plan.per_executor()[k][c]);
      const std::string& host = controller_.host();
      send(order[k], "spawn",
           value::map()
               .set("timestamp", now)
               .set("user_classes_count", std::move(counts))
               .set("host", host.empty() ? value() : value(host))
               .set("stop_timeout", options_.stop_timeout)
               .set("parsed_options", options));
    }
  }

  // Locust's parsed_options: what every worker should read as its options.
  // Our workers take the modules' arguments from it.
  value parsed_options() const {
    value parsed = value::map()
                       .set("host", controller_.host())
                       .set("num_users", controller_.target_user_count())
                       .set("spawn_rate", controller_.spawn_rate())
                       .set("stop_timeout", options_.stop_timeout)
                       .set("expect_workers", options_.expect_workers);
    value tags = value::array(), exclude_tags = value::array();
    for (const std::string& tag : options_.tags) tags.push(tag);
    for (const std::string& tag : options_.exclude_tags) exclude_tags.push(tag);
    parsed.set("tags", std::move(tags)).set("exclude_tags", std::move(exclude_tags));
    add_module_arguments(parsed, catalog_.arguments, state_.options);
    return parsed;
  }

  // After the last spawn: up to a second for the workers to confirm their counts.
  void wait_for_reports(std::chrono::steady_clock::time_point deadline) {
    std::uint64_t reported = roster_.users();
    if (reported == dispatched_) return listener_->pool_users(reported, true);
    if (std::chrono::steady_clock::now() >= deadline) {
      spdlog::info("Spawning is complete and report waittime is expired, but not all reports received from workers");
      return listener_->pool_users(reported, true);
    }
    report_timer_.expires_after(milliseconds(100));
    report_timer_.async_wait([this, deadline](error_code ec) {
      if (!ec) wait_for_reports(deadline);
    });
  }

  // Workers joined or left during a test: with --enable-rebalancing they share the users again.
  void rebalance(const std::string& why) {
    if (test_running_ && options_.enable_rebalancing) listener_->pool_changed(why);
  }

  // ---- liveness ----------------------------------------------------------------------

  void tick() {
    tick_timer_.expires_after(seconds(1));
    tick_timer_.async_wait([this](error_code ec) {
      if (ec || quitting_) return;
      worker_roster::tick_result changed = roster_.tick();
      for (const std::string& id : changed.went_missing) went_missing(*roster_.find(id));
      for (const std::string& id : changed.forgotten) link_->received().forget(id);
      lost_.dropped(link_->received().take_drops(), limited_);
      tick();
    });
  }

  void went_missing(worker_record& worker) {
    spdlog::info("{} failed to send heartbeat, setting state to missing.", describe(worker));
    lost_.went_missing(worker, describe(worker), test_running_);
    lost(worker.id, "a worker went missing");
  }

  // A worker is gone (missing or quit): nothing more is awaited from it.
  void lost(const std::string& id, const std::string& why) {
    if (awaiting_stop_.erase(id) > 0 && awaiting_stop_.empty()) {
      stop_timer_.cancel();
      listener_->pool_stopped();
    }
    if (awaiting_quit_.erase(id) > 0 && awaiting_quit_.empty()) finish_quit();
    if (quitting_) return;
    if (test_running_ && roster_.live().empty()) {
      spdlog::info("The last worker {}, stopping test.", why == "a worker quit" ? "quit" : "went missing");
      return controller_.stop();
    }
    listener_->pool_users(roster_.users(), false);
    rebalance(why);
  }

  // The workers have quit (or were waited for long enough): nothing of ours
  // may keep the control loop alive after the controller's outputs.
  void finish_quit() {
    if (quit_done_) {
      lost_.dropped(link_->received().take_drops(), limited_);
      if (lost_.summarize()) events_.count_internal_errors();  // the run's exit code says it
    }
    for (auto* timer : {&tick_timer_, &report_timer_, &stop_timer_, &quit_timer_, &wait_timer_}) {
      timer->cancel();
    }
    if (auto done = std::exchange(quit_done_, nullptr)) done();
  }

  // ---- from the workers ----------------------------------------------------------------

  void drain() {
    bool more = false;
    for (inbox::message& message : link_->received().take(messages_per_turn, more)) {
      receive(message.peer, message.payload);
    }
    if (more) state_.control.post([this] { drain(); });
  }

  void receive(const std::string& peer, const std::string& payload) {
    std::optional<std::string_view> peeked = peek_type(payload);
    std::string_view kind = peeked.value_or("");
    message_limits limits = limits_for(kind, message_direction::to_master, messages_.handles(kind));
    std::string problem;
    std::optional<wire_message> message = decode_message(payload, problem, limits);
    worker_record* known = roster_.find(peer);
    if (quitting_ && awaiting_quit_.count(peer) > 0) last_heard_while_quitting_ = std::chrono::steady_clock::now();
    if (!message) {
      if (known == nullptr)
        return limited_.warn("garbled:stranger", "Ignored a garbled message from an unknown node: " + problem);
      limited_.warn("garbled:" + peer,
                    fmt::format("{} sent a garbled message ({}): asking it to reconnect", describe(*known), problem));
      return send(peer, "reconnect", value());
    }
    const std::string& type = message->type;
    const value& data = message->data;
    if (type == "client_ready") return client_ready(peer, data);
    if (known == nullptr) {
      if (type == "quit" || type == "heartbeat" || type == "stats") return;  // a worker this master does not know
      limited_.warn("unknown:" + type,
                    fmt::format("Message '{}' from an unknown worker {}: telling it to quit", type, peer));
      return send(peer, "quit", value());
    }
    worker_record& worker = *known;
    if (!messages_.handles(type) && !carries_token(worker, data)) {
      return limited_.warn("token:" + peer, fmt::format("Ignored a '{}' message with the id of {} but not its token: "
                                                        "another node uses this worker's id",
                                                        type, describe(worker)));
    }
    if (type == "heartbeat") return heartbeat(worker, data);
    if (type == "stats") return report(worker, data);
    if (type == "spawning") {
      worker.state = control::worker_state::spawning;
    } else if (type == "spawning_complete") {
      worker.state = control::worker_state::running;
      read_counts(worker, data["user_classes_count"]);
    } else if (type == "client_stopped") {
      spdlog::info("{} reported that it has stopped", describe(worker));
      worker.state = control::worker_state::stopped;
      worker.reported.assign(worker.reported.size(), 0);
      if (awaiting_stop_.erase(worker.id) > 0 && awaiting_stop_.empty()) {
        stop_timer_.cancel();
        listener_->pool_stopped();
      }
    } else if (type == "quit") {
      lost_.check_all_arrived(worker, describe(worker), data["locustpp_reports"]);
      std::string id = worker.id;
      roster_.remove(id);
      link_->received().forget(id);
      if (!quitting_)
        spdlog::info("Worker '{}' quit. {} workers ready.", id, roster_.count_in_state(control::worker_state::ready));
      lost(id, "a worker quit");
    } else if (type == "exception") {
      exception(worker, data);
    } else if (!messages_.deliver(type, data, worker.id)) {
      limited_.warn("type:" + type, fmt::format("Unknown message type received from {}: {}", describe(worker), type));
    }
  }

  // Between locustpp nodes every protocol message of a worker carries the
  // token its ack gave it (once it has sent it back, it must); other
  // workers never do. Modules' messages carry what their module sends.
  bool carries_token(worker_record& worker, const value& data) {
    const value* token = data.is_map() ? data.find("locustpp_token") : nullptr;
    if (token != nullptr && token->is_string() && token->text() == worker.token) {
      worker.token_confirmed = true;
      return true;
    }
    return !worker.token_confirmed && token == nullptr;
  }

  void client_ready(const std::string& id, const value& data) {
    bool old = data.is_nil() || (data.is_string() && data.text().empty()) || (data.is_number() && data.number() == 0);
    if (old) {
      return limited_.error(
          "old", fmt::format("An old (pre 2.0) worker tried to connect ({}). That's not going to work.", id));
    }
    if (roster_.find(id) == nullptr && roster_.size() >= max_workers) {
      return limited_.error(
          "full",
          fmt::format("Refused worker {}: this master already has {} workers, the most it takes", id, max_workers));
    }
    bool added = roster_.ready(id);
    link_->received().admit(id);
    worker_record& worker = *roster_.find(id);
    // The token goes out once: a worker that has it keeps it, and a node
    // that announces itself with a worker's id does not learn it.
    value ack = value::map().set("index", worker.index);
    if (!worker.token_confirmed) ack.set("locustpp_token", worker.token);
    if (worker.token_confirmed) ack.set("locustpp_acked", worker.reports_through);
    send(id, "ack", std::move(ack));
    spdlog::info("{} reported as ready. {} workers connected.", describe(worker), roster_.live().size());
    locustpp_node_event payload{sizeof(locustpp_node_event), abi_of(id), 0, nullptr};
    events_.fire(LOCUSTPP_EVENT_WORKER_CONNECT, &payload);
    if (added) rebalance("a worker joined");
  }

  void heartbeat(worker_record& worker, const value& data) {
    bool was_missing = worker.state == control::worker_state::missing;
    if (!worker.take_heartbeat(data)) {
      return limited_.warn(
          "heartbeat:" + worker.id,
          fmt::format("{} sent a heartbeat without state and current_cpu_usage: ignored", describe(worker)));
    }
    if (was_missing)
      spdlog::info("{} self-healed with heartbeat, setting state to {}.", describe(worker),
                   control::worker_state_name(worker.state));
    if (worker.cpu_percent > cpu_warning_percent && !worker.cpu_warned) {
      worker.cpu_warned = true;
      spdlog::warn("{} exceeded cpu threshold (will only log this once per worker)", describe(worker));
    }
    send(worker.id, "heartbeat",
         worker.token_confirmed ? value::map().set("locustpp_acked", worker.reports_through) : value());
    locustpp_node_event payload{sizeof(locustpp_node_event), abi_of(worker.id), stats::epoch_seconds_now(), nullptr};
    events_.fire(LOCUSTPP_EVENT_HEARTBEAT_SENT, &payload);
  }

  void read_counts(worker_record& worker, const value& counts) {
    std::vector<std::string> names;
    for (const auto& planned : controller_.plan().classes) names.push_back(planned.model->name);
    if (!worker.take_user_counts(counts, names)) {
      return limited_.warn("counts:" + worker.id,
                           fmt::format("{} reported user counts that are not whole numbers up to {}: ignored",
                                       describe(worker), max_reported_users));
    }
    listener_->pool_users(roster_.users(), false);
  }

  void report(worker_record& worker, const value& data) {
    const value& sequence = data["locustpp_seq"];
    std::uint64_t given_up = 0;
    bool repeat = sequence.is_number() && !worker.first_time(sequence.unsigned_integer(), given_up);
    lost_.given_up(given_up);
    if (repeat) return;  // sent again on a new connection, merged before
    stats::stats_shard shard;
    if (std::string problem = read_report(data, shard); !problem.empty()) {
      return limited_.warn("report:" + worker.id,
                           fmt::format("Ignored a report from {}: {}", describe(worker), problem));
    }
    lost_.reported(worker.id);
    state_.stats.merge(shard, worker.id);
    read_counts(worker, data["user_classes_count"]);
    report_handle handle{const_cast<value*>(&data), false, {}};  // read-only: listeners read their keys
    locustpp_node_event payload{sizeof(locustpp_node_event), abi_of(worker.id), 0, &handle};
    events_.fire(LOCUSTPP_EVENT_WORKER_REPORT, &payload);
  }

  // A user error on a worker that is not one of ours (ours count them in the report).
  void exception(worker_record& worker, const value& data) {
    if (data["locustpp_counted_in_report"].flag()) return;
    if (!data["msg"].is_string()) {
      return limited_.warn("exception:" + worker.id,
                           fmt::format("{} sent an exception without msg: ignored", describe(worker)));
    }
    stats::stats_shard shard;
    shard.add_exceptions(data["msg"].text(), stats::exception_tally{1, std::string(data["traceback"].text())});
    state_.stats.merge(shard, worker.id);
  }

  const cli::run_options& options_;
  const plugin::catalog& catalog_;
  control::controller& controller_;
  runtime::host_state& state_;
  runtime::event_bus& events_;
  message_board& messages_;
  std::unique_ptr<zmq_link> link_;
  worker_roster roster_{controller_.plan().classes.size()};
  std::set<std::string> awaiting_stop_, awaiting_quit_;  // node ids
  lost_results lost_;
  runtime::log_limiter limited_;
  std::function<void()> quit_done_;
  boost::asio::steady_timer tick_timer_{state_.control.io()}, report_timer_{state_.control.io()},
      stop_timer_{state_.control.io()}, quit_timer_{state_.control.io()}, wait_timer_{state_.control.io()};
  std::chrono::steady_clock::time_point waiting_since_;
  std::chrono::steady_clock::time_point quit_asked_, last_heard_while_quitting_;
  control::pool_listener* listener_ = nullptr;  // the controller, as it hears its pool
  std::uint64_t dispatched_ = 0;
  double last_spawn_timestamp_ = 0;
  bool test_running_ = false;
  bool quitting_ = false;
};

master_node::master_node(const cli::run_options& options, const plugin::catalog& catalog,
                         control::controller& controller, runtime::host_state& state, runtime::event_bus& events,
                         message_board& messages, std::optional<curve_key_pair> key)
    : impl_(std::make_unique<impl>(options, catalog, controller, state, events, messages, std::move(key))) {}
master_node::~master_node() = default;

int master_node::port() const noexcept {
  return impl_->port();
}
void master_node::when_workers_ready(std::function<void()> start) {
  impl_->when_workers_ready(std::move(start));
}

}  // namespace locustpp::cluster
