// Test plugin: the locustpp side of the cluster tests (cluster_test.cpp),
// the same class as locust/cluster_locustfile.py, so that a Python Locust
// master and our workers agree on what "Reader" is.
#include <locustpp/locustpp.hpp>

#include <atomic>
#include <cstdio>
#include <string>

namespace {

// Each event once per process (heartbeats come every second), then quiet.
void say_once(std::atomic<bool>& said, const std::string& line) {
  if (said.exchange(true)) return;
  std::puts(line.c_str());
  std::fflush(stdout);
}
std::atomic<bool> said_sent{false}, said_received{false}, said_report{false};

struct reader : locustpp::http_user {
  locustpp::task<> index() { co_await client.get("/"); }
  locustpp::task<> bytes() { co_await client.get("/bytes/100"); }
};

}  // namespace

LOCUSTPP_MODULE("dev.locustpp.tests.cluster", "Cluster", "1.0.0", "The scenario of cluster_locustfile.py") {
  // A master's message to every worker at once (an empty node id).
  module.on_init([] {
    if (!locustpp::env().is_worker()) return;
    locustpp::register_message("greeting", [](const locustpp::message& message) {
      std::printf("greeting from the master: %s\n", std::string(message.data["text"].text()).c_str());
      std::fflush(stdout);
    });
  });
  module.on_test_start([] {
    if (locustpp::env().is_master())
      locustpp::send_message("greeting", locustpp::value::map().set("text", "hello all"));
  });
  // Where Locust fires the cluster events, and with what.
  module.on_worker_connect([](std::string_view node_id) {
    std::printf("worker_connect %s\n", std::string(node_id).c_str());
    std::fflush(stdout);
  });
  module.on_heartbeat_sent([](std::string_view node_id, double timestamp) {
    say_once(said_sent, "heartbeat_sent to " + std::string(node_id) + (timestamp > 1e9 ? " at a time" : " at no time"));
  });
  module.on_heartbeat_received([](std::string_view node_id, double timestamp) {
    say_once(said_received,
             "heartbeat_received by " + std::string(node_id) + (timestamp > 1e9 ? " at a time" : " at no time"));
  });
  module.on_worker_report([](const locustpp::report_reader& report) {
    say_once(said_report, "worker_report from " + std::string(report.node_id()));
  });
  module.user<reader>("Reader")
      .wait_time(locustpp::constant(0.05))
      .task("index", &reader::index)
      .task("bytes", &reader::bytes);
}
