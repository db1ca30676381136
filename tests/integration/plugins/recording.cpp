// Test plugin: records every event it receives as one stdout line,
// "EVENT <kind> [key fields]", so the tests can count and order them:
//   EVENT init_command_line_parser        EVENT init
//   EVENT test_start                      EVENT spawning_complete 3
//   EVENT request GET / ok                EVENT request GET /status/500 fail <exception>
//   EVENT user_error Thrower boom <message>
//   EVENT test_stopping    EVENT test_stop    EVENT quitting    EVENT quit 0
// --throw-in <kind> makes that kind's listener throw after recording it.
// A background job prints "PROBE total requests=N" once env().total()
// counts requests. User classes (pick one by name):
//   Visitor   GET / and GET /bytes/10 (as "/bytes")
//   Thrower   GET /, then throws "task failed on purpose"
//   Measurer  requests reported with locustpp::measure and fire_request
#include <locustpp/locustpp.hpp>

#include <cstdio>
#include <stdexcept>
#include <string>

namespace {

std::string text(locustpp_string value) { return std::string(locustpp::from_abi(value)); }

// Several user threads record requests at once: one call per line.
void record(const std::string& kind, const std::string& details = {}) {
  std::string line = "EVENT " + kind + (details.empty() ? "" : " " + details);
  std::puts(line.c_str());
  std::fflush(stdout);
  if (locustpp::option("throw-in") == kind) throw std::runtime_error("recording listener failed in " + kind);
}

void record_request(const locustpp_request_event& request) {
  std::string details = text(request.request_type) + " " + text(request.name);
  details += request.exception.size > 0 ? " fail " + text(request.exception) : " ok";
  record("request", details);
}

void record_user_error(const locustpp_user_error_event& error) {
  record("user_error", text(error.user_class) + " " + text(error.task) + " " + text(error.message));
}

locustpp::task<> probe_stats(locustpp::background_job& job) {
  for (int i = 0; i < 40; ++i) {
    co_await job.sleep(0.25);
    auto total = locustpp::env().total();
    if (total && total->num_requests > 0) {
      std::printf("PROBE total requests=%llu\n", static_cast<unsigned long long>(total->num_requests));
      std::fflush(stdout);
      co_return;
    }
  }
  std::puts("PROBE total requests=0");
  std::fflush(stdout);
}

struct visitor : locustpp::http_user {
  locustpp::task<> index() { co_await client.get("/"); }
  locustpp::task<> bytes() { co_await client.get("/bytes/10", {.name = "/bytes"}); }
};

struct thrower : locustpp::http_user {
  locustpp::task<> boom() {
    co_await client.get("/");
    throw std::runtime_error("task failed on purpose");
  }
};

// Requests of a protocol of its own: timed by measure, or reported whole.
struct measurer : locustpp::user {
  locustpp::task<> measured() {
    {
      locustpp::measure m(handle(), "CUSTOM", "measured");
      co_await sleep(0.01);
    }
    {
      locustpp::measure m(handle(), "CUSTOM", "measured-failure");
      m.failure("custom failure");
    }
    locustpp::request_report report;
    report.request_type = "CUSTOM";
    report.name = "fired";
    report.response_time_ms = 12.5;
    report.response_length = 3;
    locustpp::fire_request(handle(), report);
  }
};

}  // namespace

LOCUSTPP_MODULE("io.locustpp.tests.recording", "Recording", "1.0.0", "Records every event it receives") {
  locustpp::argument_spec throw_in;
  throw_in.name = "--throw-in";
  throw_in.help = "Make the listener of this event kind throw (e.g. test_start)";
  module.argument(throw_in);

  module.on_init_command_line_parser([] { record("init_command_line_parser"); });
  module.on_init([] { record("init"); });
  module.on_test_start([] { record("test_start"); });
  module.on_spawning_complete([](std::uint64_t users) { record("spawning_complete", std::to_string(users)); });
  module.on_request(record_request);
  module.on_user_error(record_user_error);
  module.on_test_stopping([] { record("test_stopping"); });
  module.on_test_stop([] { record("test_stop"); });
  module.on_reset_stats([] { record("reset_stats"); });
  // The runner's state as the listeners of the end read it (CLEANUP).
  module.on_quitting([] { record("quitting", std::to_string(locustpp::env().state())); });
  module.on_quit([](int exit_code) {
    record("quit", std::to_string(exit_code) + " " + std::to_string(locustpp::env().state()));
  });
  module.on_usage_monitor([](double, std::uint64_t bytes) { record("usage_monitor", std::to_string(bytes)); });
  module.on_cpu_warning([](double) { record("cpu_warning"); });
  module.background("stats probe", probe_stats);

  module.user<visitor>("Visitor")
      .wait_time(locustpp::constant(0.05))
      .task("index", &visitor::index)
      .task("bytes", &visitor::bytes);
  module.user<thrower>("Thrower").wait_time(locustpp::constant(0.1)).task("boom", &thrower::boom);
  module.user<measurer>("Measurer").wait_time(locustpp::constant(0.05)).task("measured", &measurer::measured);
}
