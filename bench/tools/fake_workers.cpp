// bench/run.sh cluster: N simulated workers on one thread, each a real
// ZeroMQ DEALER speaking Locust's protocol to a master. Each announces
// itself, heartbeats every second and reports every 3 s (staggered) with E
// statistics entries of realistic histograms, built by the same code a
// locustpp worker uses (cluster::report_of). They never run users.
//
//   fake_workers HOST PORT WORKERS ENTRIES SECONDS
// Reports start 3 s after every worker was acknowledged, once the master has
// started its test (a test start clears what came before). Prints "sent N
// requests in M reports" when done (after answering quit, or after SECONDS).
#include <chrono>
#include <cstdio>
#include <optional>
#include <random>
#include <string>
#include <thread>
#include <vector>
#include <zmq.hpp>

#include "cluster/message_limits.hpp"
#include "cluster/stats_wire.hpp"
#include "cluster/wire_message.hpp"
#include "stats/clock.hpp"

namespace {

using namespace locustpp;
using steady = std::chrono::steady_clock;

constexpr std::uint64_t requests_per_entry = 300;  // per report: ~100 req/s per entry

// One report's span: `entries` names with log-normal latencies (median ~20 ms).
stats::stats_shard make_span(std::size_t entries, std::mt19937_64& random) {
  stats::stats_shard span;
  std::lognormal_distribution<double> latency_ms(3.0, 0.6);
  double now = stats::epoch_seconds_now();
  std::vector<std::string> names;
  for (std::size_t e = 0; e < entries; ++e) names.push_back("/api/item/" + std::to_string(e));
  for (std::size_t e = 0; e < entries; ++e) {
    for (std::uint64_t i = 0; i < requests_per_entry; ++i) {
      auto ns = static_cast<std::uint64_t>(latency_ms(random) * 1e6);
      double start = now - 3.0 + static_cast<double>(i) * 3.0 / requests_per_entry;
      span.record({"GET", names[e], ns, 512, start, i % 100 == 0 ? "HTTPError('500 Server Error')" : ""});
    }
  }
  return span;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 6) {
    std::fprintf(stderr, "usage: %s HOST PORT WORKERS ENTRIES SECONDS\n", argv[0]);
    return 2;
  }
  std::string endpoint = std::string("tcp://") + argv[1] + ":" + argv[2];
  std::size_t workers = std::stoul(argv[3]), entries = std::stoul(argv[4]);
  auto until = steady::now() + std::chrono::seconds(std::stoul(argv[5]));

  zmq::context_t context(1);
  std::vector<zmq::socket_t> sockets;
  std::vector<std::string> ids;
  for (std::size_t w = 0; w < workers; ++w) {
    ids.push_back("benchhost" + std::to_string(w % 4) + "_" + std::to_string(100000 + w));
    zmq::socket_t& socket = sockets.emplace_back(context, zmq::socket_type::dealer);
    socket.set(zmq::sockopt::routing_id, ids.back());
    socket.set(zmq::sockopt::linger, 1000);
    socket.connect(endpoint);
  }
  auto send = [&](std::size_t w, std::string type, locustpp::value data) {
    std::string bytes = cluster::encode_message({std::move(type), std::move(data), ids[w]});
    sockets[w].send(zmq::buffer(bytes), zmq::send_flags::dontwait);
  };
  for (std::size_t w = 0; w < workers; ++w) send(w, "client_ready", -1);

  std::mt19937_64 random(42);
  std::uint64_t sent_requests = 0, sent_reports = 0;
  std::size_t quit = 0, acked = 0;
  std::optional<steady::time_point> reports_from;
  auto next_second = steady::now();
  std::uint64_t second = 0;
  while (steady::now() < until && quit < workers) {
    if (steady::now() >= next_second) {
      for (std::size_t w = 0; w < workers; ++w) {
        send(w, "heartbeat",
             locustpp::value::map()
                 .set("state", "ready")
                 .set("current_cpu_usage", 1.0)
                 .set("current_memory_usage", 50'000'000));
        if (reports_from && steady::now() >= *reports_from && (w + second) % 3 == 0) {  // a third each second
          stats::stats_shard span = make_span(entries, random);
          locustpp::value report = cluster::report_of(span, stats::epoch_seconds_now() - 3);
          report.set("user_classes_count", locustpp::value::map()).set("user_count", 0);
          send(w, "stats", std::move(report));
          sent_requests += entries * requests_per_entry;
          ++sent_reports;
        }
      }
      ++second;
      next_second += std::chrono::seconds(1);
    }
    // Answer quit with quit; everything else (ack, heartbeat, spawn) is ignored.
    for (std::size_t w = 0; w < workers; ++w) {
      zmq::message_t frame;
      while (sockets[w].recv(frame, zmq::recv_flags::dontwait)) {
        std::string problem;
        std::string_view type = cluster::peek_type(frame.to_string_view()).value_or("");
        auto message = cluster::decode_message(frame.to_string_view(), problem,
                                               cluster::limits_for(type, cluster::message_direction::to_worker, false));
        if (message && message->type == "quit") {
          send(w, "quit", locustpp::value());
          ++quit;
        } else if (message && message->type == "ack" && ++acked == workers) {
          reports_from = steady::now() + std::chrono::seconds(3);
        }
      }
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  std::printf("sent %llu requests in %llu reports\n", static_cast<unsigned long long>(sent_requests),
              static_cast<unsigned long long>(sent_reports));
  return 0;
}
