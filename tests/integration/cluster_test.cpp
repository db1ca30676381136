// Distributed runs on Locust's protocol, through real ZeroMQ sockets on
// loopback: locustpp workers under Debian's Python Locust master (2.12.1),
// and under a locustpp master. Every count is checked against what the demo
// target itself served.
#include <gtest/gtest.h>
#include <cmath>
#include <csignal>
#include <filesystem>
#include <regex>

#include "child_process.hpp"
#include "cluster_nodes.hpp"
#include "demo_target.hpp"
#include "http_exchange.hpp"
#include "locustpp_run.hpp"
#include "output_text.hpp"
#include "test_paths.hpp"
#include "web_run.hpp"

namespace locustpp::testing {
namespace {

namespace fs = std::filesystem;
using namespace std::chrono_literals;

const std::string python_locust = "/usr/bin/locust";  // Debian's python3-locust, installed by make test

std::string locustfile(const std::string& name) {
  return std::string(source_dir) + "/tests/integration/locust/" + name;
}

std::string example(const std::string& name) {
  return std::string(examples_dir) + "/" + name + ".so";
}

std::size_t occurrences(const std::string& text, const std::string& part) {
  std::size_t count = 0;
  for (std::size_t at = text.find(part); at != std::string::npos; at = text.find(part, at + 1)) ++count;
  return count;
}

std::uint64_t reader_requests_served(const demo_target& target) {
  return served_requests(target, "/") + served_requests(target, "/bytes/100");
}

// Lines of Locust's master log that mean the worker broke the protocol.
const std::regex protocol_trouble(
    "Traceback|Unhandled exception in greenlet|Uncaught exception in event handler|Unknown message type|pre 2\\.0|"
    "failed to send heartbeat|report waittime is expired|Gave up waiting");

TEST(ClusterPythonMaster, ALocustppWorkerRunsWhatThePythonMasterDispatches) {
  demo_target target;
  fs::path dir = make_temp_dir("cluster-python-master");
  int port = free_port();
  child_process master({python_locust,
                        "-f",
                        locustfile("cluster_locustfile.py"),
                        "--master",
                        "--headless",
                        "-u",
                        "5",
                        "-r",
                        "5",
                        "-t",
                        "6s",
                        "--expect-workers",
                        "1",
                        "--expect-workers-max-wait",
                        "30",
                        "--master-bind-host",
                        "127.0.0.1",
                        "--master-bind-port",
                        std::to_string(port),
                        "--csv",
                        (dir / "out").string(),
                        "--only-summary",
                        "-H",
                        target.url()},
                       {}, dir);
  child_process worker(worker_args("cluster", port));
  std::optional<int> master_code = master.wait(60s);
  std::optional<int> worker_code = worker.wait(15s);
  std::string log = master.stderr_text();

  EXPECT_EQ(master_code, 0) << log;
  EXPECT_EQ(worker_code, 0) << worker.stderr_text();
  EXPECT_NE(log.find("reported as ready. 1 workers connected."), std::string::npos) << log;
  EXPECT_NE(log.find(R"(All users spawned: {"Reader": 5} (5 total users))"), std::string::npos) << log;
  EXPECT_FALSE(std::regex_search(log, protocol_trouble)) << log;
  // The master's CSV counts what the worker reported; the target counts what it served.
  std::uint64_t reported = csv_aggregated_requests((dir / "out").string());
  std::uint64_t served = reader_requests_served(target);
  EXPECT_GT(reported, 100u);
  EXPECT_LE(reported, served);
  EXPECT_LE(served - reported, 5u) << "at most the users' requests in flight at the stop go unreported";
}

TEST(ClusterPythonMaster, AWorkerWithoutTheClassRefusesTheSpawnAndSaysWhy) {
  demo_target target;
  fs::path dir = make_temp_dir("cluster-unknown-class");
  int port = free_port();
  child_process master({python_locust,
                        "-f",
                        locustfile("cluster_locustfile.py"),
                        "--master",
                        "--headless",
                        "-u",
                        "2",
                        "-r",
                        "2",
                        "-t",
                        "4s",
                        "--expect-workers",
                        "1",
                        "--expect-workers-max-wait",
                        "30",
                        "--master-bind-host",
                        "127.0.0.1",
                        "--master-bind-port",
                        std::to_string(port),
                        "--csv",
                        (dir / "out").string(),
                        "--only-summary",
                        "-H",
                        target.url()},
                       {}, dir);
  child_process worker(worker_args("compat", port));  // Shopper and Admin, no Reader
  std::optional<int> master_code = master.wait(60s);
  worker.wait(15s);
  std::string refusal = "has no user class Reader (its classes: Shopper, Admin)";
  EXPECT_NE(worker.stderr_text().find(refusal), std::string::npos) << worker.stderr_text();
  // The master hears it as an error of the worker: in its exceptions, and in its exit code.
  EXPECT_NE(read_file(dir / "out_exceptions.csv").find(refusal), std::string::npos) << master.stderr_text();
  EXPECT_EQ(master_code, 1);
  EXPECT_EQ(reader_requests_served(target), 0u);
}

// What a locustpp worker sends, checked by a master that is neither Locust nor
// locustpp (cluster/foreign_master.py: pyzmq and msgpack only).
TEST(ClusterWorker, SpeaksTheProtocolToAForeignMaster) {
  demo_target target;
  int port = free_port();
  child_process master({"/usr/bin/python3", std::string(source_dir) + "/tests/integration/cluster/foreign_master.py",
                        std::to_string(port), target.url()});
  ASSERT_TRUE(master.wait_for_stdout("listening", 20s)) << master.stderr_text();
  child_process worker(worker_args("cluster", port));
  EXPECT_EQ(master.wait(60s), 0) << master.stderr_text() << worker.stderr_text();
  EXPECT_EQ(worker.wait(15s), 0) << worker.stderr_text();
  EXPECT_EQ(
      master.stdout_text(),
      "listening\n"
      "first client_ready -1\n"
      "spawning 1\n"  // not for the stale spawn (Locust's workers send one, then discard it)
      "spawning_complete [2]\n"
      "heartbeat keys ['current_cpu_usage', 'current_memory_usage', 'locustpp_unreported', 'state'] state running\n"
      "heartbeat numbers True True\n"
      "entry has Locust's keys True\n"
      "histogram keys are ints True\n"
      "per-second keys are ints True\n"
      "total is the sum True\n"
      "user_classes_count {'Reader': 2} user_count 2\n"
      "after stop ['stats', 'client_stopped', 'client_ready']\n"
      "after quit ['stats', 'quit']\n");
  std::string log = worker.stderr_text();
  EXPECT_NE(log.find("Connected to the master as worker 7"), std::string::npos) << log;
  EXPECT_NE(log.find("Discarded a spawn message from the master older than the last one"), std::string::npos) << log;
  EXPECT_NE(log.find("Received reconnect message from master. Resetting RPC connection."), std::string::npos) << log;
  EXPECT_GT(reader_requests_served(target), 20u);
}

TEST(ClusterWorker, AWorkerWhoseMasterIsGoneQuits) {
  demo_target target;
  fs::path dir = make_temp_dir("cluster-master-gone");
  int port = free_port();
  child_process master(
      {std::string(bin_dir) + "/locustpp", "-f", test_plugin("cluster"), "--master", "--master-bind-host", "127.0.0.1",
       "--master-bind-port", std::to_string(port), "--web-port", "0", "-H", target.url()},
      {}, dir);
  child_process worker(worker_args("cluster", port), {{"LOCUSTPP_MASTER_HEARTBEAT_TIMEOUT", "3"}});
  ASSERT_TRUE(worker.wait_for_stderr("Connected to the master as worker 0", 20s)) << worker.stderr_text();
  // The master's heartbeats reached the worker (the cluster plugin's heartbeat_received), so what
  // ends the worker below is the master going, not a link that never worked.
  ASSERT_TRUE(worker.wait_for_stdout("heartbeat_received by ", 10s)) << worker.stdout_text() << worker.stderr_text();
  master.signal(SIGKILL);
  master.wait(5s);
  EXPECT_EQ(worker.wait(20s), 1) << worker.stderr_text();
  EXPECT_NE(worker.stderr_text().find("Didn't get heartbeat from master in over 3s, quitting"), std::string::npos)
      << worker.stderr_text();
}

TEST(ClusterWorker, AWorkerJoinsARestartedMaster) {
  demo_target target;
  fs::path dir = make_temp_dir("cluster-master-restart");
  int port = free_port();
  auto first_master = std::make_unique<child_process>(
      std::vector<std::string>{std::string(bin_dir) + "/locustpp", "-f", test_plugin("cluster"), "--master",
                               "--master-bind-host", "127.0.0.1", "--master-bind-port", std::to_string(port),
                               "--web-port", "0", "-H", target.url()},
      std::map<std::string, std::string>{}, dir);
  child_process worker(worker_args("cluster", port));
  ASSERT_TRUE(worker.wait_for_stderr("Connected to the master as worker 0", 20s)) << worker.stderr_text();
  // Hearing the first master's heartbeats, so the worker has a master to lose.
  ASSERT_TRUE(worker.wait_for_stdout("heartbeat_received by ", 10s)) << worker.stdout_text() << worker.stderr_text();
  first_master->signal(SIGKILL);
  first_master->wait(5s);
  child_process second_master(master_args(port, target, dir, 2, "3s", 1), {}, dir);
  EXPECT_EQ(second_master.wait(60s), 0) << second_master.stderr_text() << worker.stderr_text();
  EXPECT_EQ(worker.wait(15s), 0) << worker.stderr_text();
  EXPECT_NE(worker.stderr_text().find("announcing this worker again"), std::string::npos) << worker.stderr_text();
  EXPECT_GT(csv_aggregated_requests((dir / "out").string()), 10u);
}

// ---- a locustpp master -------------------------------------------------------------

TEST(ClusterLocustppMaster, TwoWorkersShareFiveUsersThreeAndTwo) {
  demo_target target;
  fs::path dir = make_temp_dir("cluster-master");
  int port = free_port();
  child_process master(master_args(port, target, dir, 5, "5s", 2), {}, dir);
  child_process first(worker_args("cluster", port));
  child_process second(worker_args("cluster", port));
  std::optional<int> master_code = master.wait(60s);
  std::optional<int> first_code = first.wait(15s);
  std::optional<int> second_code = second.wait(15s);
  std::string log = master.stderr_text();

  EXPECT_EQ(master_code, 0) << log;
  EXPECT_EQ(first_code, 0) << first.stderr_text();
  EXPECT_EQ(second_code, 0) << second.stderr_text();
  EXPECT_NE(log.find("reported as ready. 2 workers connected."), std::string::npos) << log;
  EXPECT_NE(log.find(R"(All users spawned: {"Reader": 5} (5 total users))"), std::string::npos) << log;
  std::string workers = first.stderr_text() + second.stderr_text();
  EXPECT_NE(workers.find(R"(All users spawned: {"Reader": 3} (3 total users))"), std::string::npos) << workers;
  EXPECT_NE(workers.find(R"(All users spawned: {"Reader": 2} (2 total users))"), std::string::npos) << workers;
  std::uint64_t reported = csv_aggregated_requests((dir / "out").string());
  std::uint64_t served = reader_requests_served(target);
  EXPECT_GT(reported, 100u);
  EXPECT_LE(reported, served);
  EXPECT_LE(served - reported, 5u) << "at most the users' requests in flight at the stop go unreported";
  // The cluster events, where Locust fires them.
  std::string master_out = master.stdout_text();
  EXPECT_EQ(occurrences(master_out, "worker_connect "), 4u) << "at connect and after the stop, per worker";
  EXPECT_NE(master_out.find("heartbeat_sent to "), std::string::npos) << master_out;
  EXPECT_NE(master_out.find(" at a time"), std::string::npos) << master_out;
  EXPECT_NE(master_out.find("worker_report from "), std::string::npos) << master_out;
  EXPECT_NE(first.stdout_text().find("heartbeat_received by "), std::string::npos) << first.stdout_text();
  EXPECT_EQ(first.stdout_text().find("worker_connect"), std::string::npos) << "a master's event only";
  for (child_process* worker : {&first, &second}) {
    EXPECT_NE(worker->stdout_text().find("greeting from the master: hello all"), std::string::npos)
        << "one send to every worker\n"
        << worker->stdout_text();
  }
}

TEST(ClusterLocustppMaster, ProcessesRunsAMasterAndTwoWorkersFromOneCommand) {
  demo_target target;
  fs::path dir = make_temp_dir("cluster-processes");
  int port = free_port();
  child_process run({std::string(bin_dir) + "/locustpp",
                     "-f",
                     test_plugin("cluster"),
                     "--processes",
                     "2",
                     "--headless",
                     "-u",
                     "4",
                     "-r",
                     "4",
                     "-t",
                     "3s",
                     "--master-bind-host",
                     "127.0.0.1",
                     "--master-bind-port",
                     std::to_string(port),
                     "--csv",
                     (dir / "out").string(),
                     "--only-summary",
                     "-H",
                     target.url()},
                    {}, dir);
  std::optional<int> code = run.wait(60s);
  std::string log = run.stderr_text();
  EXPECT_EQ(code, 0) << log;
  EXPECT_NE(log.find("Started 2 worker processes"), std::string::npos) << log;
  EXPECT_NE(log.find("reported as ready. 2 workers connected."), std::string::npos) << log;
  EXPECT_NE(log.find(R"(All users spawned: {"Reader": 4} (4 total users))"), std::string::npos) << log;
  std::uint64_t reported = csv_aggregated_requests((dir / "out").string());
  std::uint64_t served = reader_requests_served(target);
  EXPECT_GT(reported, 50u);
  EXPECT_LE(reported, served);
  EXPECT_LE(served - reported, 4u);
  EXPECT_FALSE(fs::exists(dir / "out_stats.csv.tmp"));
}

// --processes with --worker: the parent runs no master and only waits for its workers.
TEST(ClusterLocustppMaster, ProcessesWithWorkerStartsOnlyWorkers) {
  demo_target target;
  fs::path dir = make_temp_dir("cluster-processes-workers");
  int port = free_port();
  child_process master(master_args(port, target, dir, 4, "3s", 2), {}, dir);
  std::vector<std::string> args = worker_args("cluster", port);
  args.insert(args.end(), {"--processes", "2"});
  child_process workers(args);
  EXPECT_EQ(master.wait(60s), 0) << master.stderr_text();
  EXPECT_EQ(workers.wait(20s), 0) << workers.stderr_text();
  EXPECT_NE(master.stderr_text().find("reported as ready. 2 workers connected."), std::string::npos);
  EXPECT_EQ(occurrences(workers.stderr_text(), "Got quit message from master"), 2u) << workers.stderr_text();
  EXPECT_EQ(workers.stderr_text().find("Master listening"), std::string::npos) << "no master in the parent";

  // Waiting for a master that never comes, Ctrl-C on the parent reaches its workers.
  std::vector<std::string> waiting_args = worker_args("cluster", free_port());
  waiting_args.insert(waiting_args.end(), {"--processes", "2"});
  child_process orphans(waiting_args);
  ASSERT_TRUE(orphans.wait_for_stderr("Started 2 worker processes", 20s));
  // Both workers are up (their signal handlers set) and waiting for the master.
  ASSERT_TRUE(eventually([&] { return occurrences(orphans.stderr_text(), "connecting to the master at") == 2; }, 20s))
      << orphans.stderr_text();
  orphans.signal(SIGINT);
  EXPECT_EQ(orphans.wait(20s), 0) << orphans.stderr_text();
  EXPECT_NE(orphans.stderr_text().find("Passing the signal on to 2 worker processes"), std::string::npos);
  EXPECT_EQ(occurrences(orphans.stderr_text(), "Shutting down (exit code 0)"), 2u) << orphans.stderr_text();
}

// A worker killed mid-test takes its last seconds with it: the master keeps
// what was reported, says that the rest is lost, and exits with an error's
// code (never "exit 0" when work was lost).
TEST(ClusterLocustppMaster, AKilledWorkerGoesMissingAndTheMasterSaysItsUnreportedResultsAreLost) {
  demo_target target;
  fs::path dir = make_temp_dir("cluster-kill");
  int port = free_port();
  child_process master(master_args(port, target, dir, 4, "9s", 2), {}, dir);
  child_process survivor(worker_args("cluster", port));
  child_process victim(worker_args("cluster", port));
  ASSERT_TRUE(master.wait_for_stderr("All users spawned", 30s)) << master.stderr_text();
  // Let the victim send a report or two (every 3 s), then kill it without a word. A sleep on
  // purpose: the kill comes mid-test, and no output says which worker a report came from.
  ASSERT_TRUE(victim.still_running_after(3500ms));
  victim.signal(SIGKILL);
  victim.wait(5s);
  std::optional<int> master_code = master.wait(60s);
  survivor.wait(15s);
  std::string log = master.stderr_text();
  EXPECT_EQ(master_code, 2) << log;
  EXPECT_NE(log.find("failed to send heartbeat, setting state to missing."), std::string::npos) << log;
  EXPECT_NE(log.find("went missing with results it never reported"), std::string::npos) << log;
  EXPECT_NE(log.find("This run's statistics are incomplete: 1 workers went missing"), std::string::npos) << log;
  std::uint64_t reported = csv_aggregated_requests((dir / "out").string());
  std::uint64_t served = reader_requests_served(target);
  EXPECT_GT(reported, 100u);
  EXPECT_LT(reported, served) << "the victim's last seconds were never reported";
}

TEST(ClusterLocustppMaster, AWorkerStartedFirstJoinsWhenTheMasterComesUp) {
  demo_target target;
  fs::path dir = make_temp_dir("cluster-late-master");
  int port = free_port();
  child_process worker(worker_args("cluster", port));
  // A sleep on purpose: the worker waits for a master that is not there yet, and does not give up.
  ASSERT_TRUE(worker.still_running_after(1500ms)) << worker.stderr_text();
  child_process master(master_args(port, target, dir, 2, "3s", 1), {}, dir);
  EXPECT_EQ(master.wait(60s), 0) << master.stderr_text();
  EXPECT_EQ(worker.wait(15s), 0) << worker.stderr_text();
  EXPECT_GT(csv_aggregated_requests((dir / "out").string()), 10u);
}

// A foreign node (Python's pyzmq, not our code) that sends a garbled frame
// after its client_ready: the master answers `reconnect` and goes on.
TEST(ClusterLocustppMaster, AGarbledMessageGetsReconnectNeverACrash) {
  demo_target target;
  fs::path dir = make_temp_dir("cluster-garbled");
  int port = free_port();
  child_process master(
      {std::string(bin_dir) + "/locustpp", "-f", test_plugin("cluster"), "--master", "--master-bind-host", "127.0.0.1",
       "--master-bind-port", std::to_string(port), "--web-port", "0", "-H", target.url()},
      {}, dir);
  ASSERT_TRUE(master.wait_for_stderr("Master listening for workers", 20s)) << master.stderr_text();
  std::string script = R"(
import sys, msgpack, zmq
sock = zmq.Context().socket(zmq.DEALER)
sock.setsockopt(zmq.IDENTITY, b"foreign_1")
sock.setsockopt(zmq.RCVTIMEO, 5000)
sock.connect("tcp://127.0.0.1:" + sys.argv[1])
sock.send(msgpack.packb(["client_ready", -1, "foreign_1"]))
print(msgpack.unpackb(sock.recv(), raw=False)[0])
sock.send(b"\xc1\xff not msgpack")
print(msgpack.unpackb(sock.recv(), raw=False)[0])
sock.send(msgpack.packb(["stats", {"stats": [{"name": 1}]}, "foreign_1"]))
sock.send(msgpack.packb(["heartbeat", {"state": "ready"}, "foreign_1"]))
sock.send(msgpack.packb(["heartbeat", {"state": "ready", "current_cpu_usage": 1.0}, "foreign_1"]))
print(msgpack.unpackb(sock.recv(), raw=False)[0])
)";
  child_process foreign({"/usr/bin/python3", "-c", script, std::to_string(port)});
  EXPECT_EQ(foreign.wait(30s), 0) << foreign.stderr_text();
  EXPECT_EQ(foreign.stdout_text(), "ack\nreconnect\nheartbeat\n") << master.stderr_text();
  std::string log = master.stderr_text();
  EXPECT_NE(log.find("sent a garbled message"), std::string::npos) << log;
  EXPECT_NE(log.find("Ignored a report from Worker foreign_1"), std::string::npos) << log;
  EXPECT_NE(log.find("sent a heartbeat without state and current_cpu_usage"), std::string::npos) << log;
  EXPECT_TRUE(master.still_running_after(200ms)) << "the master survives all of it";
  master.signal(SIGTERM);
  EXPECT_EQ(master.wait(20s), 0) << log;
}

TEST(ClusterLocustppMaster, FailuresOnTheWorkersSetTheMastersExitCode) {
  demo_target target;
  fs::path dir = make_temp_dir("cluster-failures");
  int port = free_port();
  child_process master(master_args(port, target, dir, 3, "3s", 1, test_plugin("compat")), {}, dir);
  child_process worker(worker_args("compat", port));
  EXPECT_EQ(master.wait(60s), 1) << master.stderr_text();
  EXPECT_EQ(worker.wait(15s), 1) << "its own statistics have the failures too";
  EXPECT_EQ(worker.stderr_text().find("Aggregated"), std::string::npos) << "the master prints the results";
  std::string failures = read_file(dir / "out_failures.csv");
  EXPECT_NE(failures.find("GET,/status/500,CatchResponseError('got 500')"), std::string::npos) << failures;
  EXPECT_EQ(
      csv_aggregated_requests((dir / "out").string()),
      served_requests(target, "/") + served_requests(target, "/status/500") + served_requests(target, "/bytes/100"));
}

// A worker that joins during a test gets a share of the users only with --enable-rebalancing.
TEST(ClusterLocustppMaster, ALateWorkerGetsUsersOnlyWithRebalancing) {
  for (bool rebalancing : {true, false}) {
    SCOPED_TRACE(rebalancing ? "--enable-rebalancing" : "without rebalancing");
    demo_target target;
    fs::path dir = make_temp_dir("cluster-rebalancing");
    int port = free_port();
    std::vector<std::string> args = master_args(port, target, dir, 4, "6s", 1);
    if (rebalancing) args.push_back("--enable-rebalancing");
    child_process master(args, {}, dir);
    child_process first(worker_args("cluster", port));
    ASSERT_TRUE(master.wait_for_stderr("All users spawned", 30s)) << master.stderr_text();
    child_process late(worker_args("cluster", port));
    EXPECT_EQ(master.wait(60s), 0) << master.stderr_text();
    first.wait(15s);
    late.wait(15s);
    bool late_ran = late.stderr_text().find(R"(All users spawned: {"Reader": 2} (2 total users))") != std::string::npos;
    EXPECT_EQ(late_ran, rebalancing) << late.stderr_text();
    if (rebalancing) {
      EXPECT_NE(master.stderr_text().find("Rebalancing users: a worker joined"), std::string::npos);
      EXPECT_NE(first.stderr_text().find(R"(All users spawned: {"Reader": 2} (2 total users))"), std::string::npos)
          << first.stderr_text();
    }
  }
}

// A load shape on the master drives the whole cluster's user count.
TEST(ClusterLocustppMaster, ALoadShapeOnTheMasterDrivesTheWorkers) {
  demo_target target;
  fs::path dir = make_temp_dir("cluster-shape");
  int port = free_port();
  child_process master(master_args(port, target, dir, 50, "60s", 2, example("load_shape")), {}, dir);
  child_process first(worker_of(example("load_shape"), port));
  child_process second(worker_of(example("load_shape"), port));
  EXPECT_EQ(master.wait(60s), 0) << master.stderr_text();
  first.wait(15s);
  second.wait(15s);
  std::string log = master.stderr_text();
  EXPECT_NE(log.find(R"(All users spawned: {"Visitor": 4} (4 total users))"), std::string::npos) << log;
  EXPECT_NE(log.find(R"(All users spawned: {"Visitor": 1} (1 total users))"), std::string::npos) << log;
  EXPECT_NE(log.find("Load shape 'stages' ended the test"), std::string::npos) << log;
  // Stage 2's 4 users were split 2 + 2.
  std::string workers = first.stderr_text() + second.stderr_text();
  EXPECT_EQ(occurrences(workers, R"(All users spawned: {"Visitor": 2} (2 total users))"), 2u) << workers;
  std::uint64_t reported = csv_aggregated_requests((dir / "out").string());
  EXPECT_GT(reported, 10u);
  EXPECT_LE(reported, served_requests(target, "/"));
  EXPECT_LE(served_requests(target, "/") - reported, 1u) << "the last stage's one user may be cut short";
}

// Locust's /user on a master changes the class on its workers too (update_user_class).
TEST(ClusterLocustppMaster, AUserClassChangedOnTheMasterChangesOnItsWorkers) {
  demo_target target;
  int port = free_port();
  web_run web(test_plugin("cluster"), target.url(),
              {"--master", "--master-bind-host", "127.0.0.1", "--master-bind-port", std::to_string(port)});
  child_process worker(worker_args("cluster", port));
  ASSERT_TRUE(worker.wait_for_stderr("Connected to the master as worker 0", 20s)) << worker.stderr_text();
  http_reply changed =
      http_exchange(web.port(), "POST", "/user", R"({"user_class_name": "Reader", "tasks": ["index"]})",
                    {{"Content-Type", "application/json"}});
  EXPECT_EQ(changed.status, 201) << changed.body;
  ASSERT_TRUE(worker.wait_for_stderr("User class Reader changed", 10s)) << worker.stderr_text();
  ASSERT_TRUE(json_of(http_post_form(web.port(), "/swarm", "user_count=2&spawn_rate=10"))["success"].GetBool());
  ASSERT_TRUE(eventually([&] { return view(web.port()).requests >= 40; }, 30s));
  http_exchange(web.port(), "GET", "/stop");
  ASSERT_TRUE(eventually([&] { return view(web.port()).state == "stopped"; }, 30s));
  EXPECT_GE(served_requests(target, "/"), 40u);
  EXPECT_EQ(served_requests(target, "/bytes/100"), 0u) << "the worker runs only the task the master kept";
}

// ---- the seed's examples, on a master and two workers ------------------------------

TEST(ClusterExamples, CustomMessagesGiveEachWorkerItsOwnTestUsers) {
  demo_target target;
  fs::path dir = make_temp_dir("cluster-custom-messages");
  int port = free_port();
  std::vector<std::string> args = master_args(port, target, dir, 4, "3s", 2, example("custom_messages"));
  child_process master(args, {}, dir);
  child_process first(worker_of(example("custom_messages"), port));
  child_process second(worker_of(example("custom_messages"), port));
  EXPECT_EQ(master.wait(60s), 0) << master.stderr_text();
  first.wait(15s);
  second.wait(15s);
  EXPECT_EQ(occurrences(master.stdout_text(), "Thanks for the 2 users!"), 2u) << master.stdout_text();
  std::string workers = first.stdout_text() + second.stdout_text();
  EXPECT_NE(workers.find("received 2 test users: User0, User1"), std::string::npos) << workers;
  EXPECT_NE(workers.find("received 2 test users: User2, User3"), std::string::npos) << workers;
}

TEST(ClusterExamples, CustomMessagesAloneGoToTheProcessItself) {
  demo_target target;
  run_result run = run_locustpp(
      {"-f", example("custom_messages"), "--headless", "-u", "3", "-r", "3", "-t", "1s", "-H", target.url()});
  EXPECT_EQ(run.exit_code, 0) << run.err;
  EXPECT_NE(run.out.find("received 3 test users: User0, User1, User2"), std::string::npos) << run.out;
  EXPECT_NE(run.out.find("Thanks for the 3 users!"), std::string::npos) << run.out;
}

TEST(ClusterExamples, RunnerKindListenersRunWhereTheyBelong) {
  demo_target target;
  fs::path dir = make_temp_dir("cluster-runner-kind");
  int port = free_port();
  std::vector<std::string> args = master_args(port, target, dir, 2, "2s", 2, example("runner_kind"));
  child_process master(args, {}, dir);
  child_process first(worker_of(example("runner_kind"), port));
  child_process second(worker_of(example("runner_kind"), port));
  EXPECT_EQ(master.wait(60s), 0) << master.stderr_text();
  first.wait(15s);
  second.wait(15s);
  EXPECT_NE(master.stdout_text().find("test_start on a master runner: preparing shared test data once"),
            std::string::npos)
      << master.stdout_text();
  for (child_process* worker : {&first, &second}) {
    EXPECT_NE(worker->stdout_text().find("test_start on a worker runner: nothing to set up, the master did it"),
              std::string::npos)
        << worker->stdout_text();
  }
}

TEST(ClusterExamples, CustomArgumentsReachTheWorkersFromTheMaster) {
  demo_target target;
  fs::path dir = make_temp_dir("cluster-arguments");
  int port = free_port();
  std::vector<std::string> args = master_args(port, target, dir, 1, "2s", 1, example("custom_arguments"));
  args.insert(args.end(), {"--my-argument", "from-master", "--env", "staging"});
  child_process master(args, {}, dir);
  child_process worker(worker_of(example("custom_arguments"), port));  // no arguments of its own
  EXPECT_EQ(master.wait(60s), 0) << master.stderr_text();
  worker.wait(15s);
  EXPECT_NE(worker.stdout_text().find("Custom argument supplied: my-argument=from-master"), std::string::npos)
      << worker.stdout_text();
  EXPECT_NE(worker.stdout_text().find("env=staging"), std::string::npos) << worker.stdout_text();
}

TEST(ClusterExamples, CacheStatisticsOfTheWorkersAddUpOnTheMaster) {
  demo_target target;
  int port = free_port();
  web_run web(example("web_ui_cache_stats"), target.url(),
              {"--master", "--master-bind-host", "127.0.0.1", "--master-bind-port", std::to_string(port), "--autostart",
               "--expect-workers", "2", "-u", "4", "-r", "10"});
  child_process first(worker_of(example("web_ui_cache_stats"), port));
  child_process second(worker_of(example("web_ui_cache_stats"), port));
  ASSERT_TRUE(eventually([&] { return view(web.port()).requests >= 80; }, 30s));
  http_exchange(web.port(), "GET", "/stop");
  ASSERT_TRUE(eventually([&] { return view(web.port()).state == "stopped"; }, 30s));
  rapidjson::Document stats = get_json(web.port(), "/stats/requests");
  ASSERT_TRUE(stats.HasMember("extended_stats")) << "the tab's rows";
  const auto& rows = stats["extended_stats"][0]["data"];
  ASSERT_EQ(rows.Size(), 2u);
  EXPECT_STREQ(rows[1]["name"].GetString(), "/cached/page");
  std::uint64_t seen = rows[1]["hit"].GetUint64() + rows[1]["miss"].GetUint64();
  std::uint64_t cached = served_requests(target, "/cached/page");
  EXPECT_LE(seen, cached);
  EXPECT_GE(seen + 4, cached) << "both workers' counts, less at most the 4 users' requests cut short";
  EXPECT_GT(rows[0]["no_info"].GetUint64(), 0u);
  // The master's own keys: its workers, their state, CPU and memory (Locust's Workers tab),
  // once both workers have said that they are ready again, with no users.
  const auto both_ready = [&] {
    stats = get_json(web.port(), "/stats/requests");
    if (!stats.IsObject() || !stats.HasMember("workers") || stats["workers"].Size() != 2) return false;
    for (const auto& worker : stats["workers"].GetArray()) {
      if (std::string(worker["state"].GetString()) != "ready" || worker["user_count"].GetUint64() != 0) return false;
    }
    return true;
  };
  ASSERT_TRUE(eventually(both_ready, 30s))
      << "stopped, then ready again: " << http_exchange(web.port(), "GET", "/stats/requests").body;
  EXPECT_EQ(stats["worker_count"].GetUint64(), 2u);
  for (const auto& worker : stats["workers"].GetArray()) {
    EXPECT_GT(worker["memory_usage"].GetUint64(), 1'000'000u);
    // A worker's CPU is reported, as a percentage; how much it is depends on the machine's load.
    ASSERT_TRUE(worker["cpu_usage"].IsNumber());
    EXPECT_TRUE(std::isfinite(worker["cpu_usage"].GetDouble()));
    EXPECT_GE(worker["cpu_usage"].GetDouble(), 0.0);
  }
  EXPECT_EQ(get_json(web.port(), "/worker-count")["worker_count"].GetUint64(), 2u);
}

}  // namespace
}  // namespace locustpp::testing
