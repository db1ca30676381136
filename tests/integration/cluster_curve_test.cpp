// The authenticated, encrypted cluster link (issue 15, item 5): with a
// cluster key (ZeroMQ CURVE) a master admits only nodes that hold it, and a
// locustpp worker with it runs as without; without a key the protocol stays
// Locust's plain one, and a master exposed beyond loopback says so.
#include <gtest/gtest.h>
#include <sys/stat.h>

#include <filesystem>
#include <regex>

#include "child_process.hpp"
#include "cluster_nodes.hpp"
#include "demo_target.hpp"
#include "locustpp_run.hpp"
#include "output_text.hpp"
#include "test_paths.hpp"

namespace locustpp::testing {
namespace {

namespace fs = std::filesystem;
using namespace std::chrono_literals;

std::string locustpp_binary() {
  return std::string(bin_dir) + "/locustpp";
}

std::vector<std::string> knock(int port, const std::string& server_key = "") {
  std::vector<std::string> argv{"/usr/bin/python3",
                                std::string(source_dir) + "/tests/integration/cluster/hostile_peer.py",
                                std::to_string(port), "knock"};
  if (!server_key.empty()) argv.push_back(server_key);
  return argv;
}

// The public key in a key file written by --cluster-key-generate.
std::string public_key_of(const fs::path& file) {
  std::smatch found;
  std::string text = read_file(file);
  if (!std::regex_search(text, found, std::regex("public-key = \"([^\"]{40})\""))) return "";
  return found[1];
}

fs::path generated_key(const fs::path& dir) {
  fs::path key = dir / "cluster.key";
  run_result made = run_locustpp({"--cluster-key-generate", key.string()});
  EXPECT_EQ(made.exit_code, 0) << made.err;
  return key;
}

std::vector<std::string> with(std::vector<std::string> args, const std::vector<std::string>& more) {
  args.insert(args.end(), more.begin(), more.end());
  return args;
}

TEST(ClusterCurve, AGeneratedKeyIsTheOwnersOnlyAndNeverOverwritten) {
  fs::path dir = make_temp_dir("cluster-key");
  fs::path key = generated_key(dir);
  struct stat status {};
  ASSERT_EQ(::stat(key.c_str(), &status), 0);
  EXPECT_EQ(status.st_mode & 0777, 0600u);
  EXPECT_EQ(public_key_of(key).size(), 40u);
  run_result again = run_locustpp({"--cluster-key-generate", key.string()});
  EXPECT_EQ(again.exit_code, 1);
  EXPECT_NE(again.err.find("cannot write the cluster key '" + key.string() + "': File exists"), std::string::npos)
      << again.err;
}

TEST(ClusterCurve, OnlyNodesThatHoldTheKeyGetAnAnswerAndALocustppWorkerRuns) {
  demo_target target;
  fs::path dir = make_temp_dir("cluster-curve");
  fs::path key = generated_key(dir);
  int port = free_port();
  child_process master(with(master_args(port, target, dir, 2, "6s", 1), {"--cluster-key-file", key.string()}), {}, dir);
  ASSERT_TRUE(master.wait_for_stderr("only nodes that hold the cluster key", 20s)) << master.stderr_text();
  // Strangers first: a plain node, and a CURVE node with a key of its own.
  child_process plain(knock(port));
  child_process stranger(knock(port, public_key_of(key)));
  EXPECT_EQ(plain.wait(20s), 0);
  EXPECT_EQ(stranger.wait(20s), 0);
  EXPECT_NE(plain.stdout_text().find("no answer"), std::string::npos) << plain.stdout_text() << plain.stderr_text();
  EXPECT_NE(stranger.stdout_text().find("no answer"), std::string::npos)
      << stranger.stdout_text() << stranger.stderr_text();

  // The key's holder, with the key in a variable rather than a file.
  child_process worker(worker_args("cluster", port), {{"LOCUST_CLUSTER_KEY", read_file(key)}});
  EXPECT_EQ(master.wait(60s), 0) << master.stderr_text().substr(0, 4000);
  EXPECT_EQ(worker.wait(20s), 0) << worker.stderr_text();
  std::string log = master.stderr_text();
  EXPECT_NE(log.find("reported as ready. 1 workers connected."), std::string::npos) << "only the worker joined";
  EXPECT_EQ(log.find("knocking_node"), std::string::npos) << "no stranger was heard";
  EXPECT_NE(log.find("it does not hold the cluster key"), std::string::npos) << "the CURVE stranger was refused";
  EXPECT_EQ(log.find("without a cluster key"), std::string::npos);
  std::uint64_t reported = csv_aggregated_requests((dir / "out").string());
  std::uint64_t served = served_requests(target, "/") + served_requests(target, "/bytes/100");
  EXPECT_GT(reported, 0u);
  EXPECT_LE(reported, served);
  EXPECT_GE(reported + 2, served) << "a worker over CURVE counts as any other";
}

TEST(ClusterCurve, AWorkerWithoutTheKeyIsNotHeard) {
  demo_target target;
  fs::path dir = make_temp_dir("cluster-curve-keyless");
  fs::path key = generated_key(dir);
  int port = free_port();
  std::vector<std::string> args = master_args(port, target, dir, 1, "2s", 1);
  args = with(args, {"--cluster-key-file", key.string()});
  for (std::size_t i = 0; i + 1 < args.size(); ++i) {
    if (args[i] == "--expect-workers-max-wait") args[i + 1] = "4";
  }
  child_process master(args, {}, dir);
  child_process keyless(worker_args("cluster", port));
  EXPECT_EQ(master.wait(60s), 1) << "no worker joined within --expect-workers-max-wait\n" << master.stderr_text();
  EXPECT_NE(master.stderr_text().find("Gave up waiting for workers to connect"), std::string::npos);
  keyless.signal(SIGTERM);
  keyless.wait(20s);
}

TEST(ClusterCurve, AKeyOthersCanReadOrThatIsNotAKeyIsRefusedByName) {
  fs::path dir = make_temp_dir("cluster-key-bad");
  fs::path key = generated_key(dir);
  fs::permissions(key, fs::perms::group_read | fs::perms::others_read, fs::perm_options::add);
  run_result open_key =
      run_locustpp({"-f", test_plugin("cluster"), "--worker", "--cluster-key-file", key.string()}, 20);
  EXPECT_EQ(open_key.exit_code, 1);
  EXPECT_NE(open_key.err.find("the cluster key '" + key.string() +
                              "' can be read by others (permissions 0644): "
                              "chmod 600 '" +
                              key.string() + "'"),
            std::string::npos)
      << open_key.err;
  run_result no_key = run_locustpp({"-f", test_plugin("cluster"), "--master", "--headless"}, 20,
                                   {{"LOCUST_CLUSTER_KEY", "public-key = \"not a key\""}});
  EXPECT_EQ(no_key.exit_code, 1);
  EXPECT_NE(no_key.err.find("environment variable LOCUST_CLUSTER_KEY holds no cluster key"), std::string::npos)
      << no_key.err;
}

TEST(ClusterCurve, AMasterBeyondLoopbackWithoutAKeySaysSoAndNamesSecretArguments) {
  fs::path dir = make_temp_dir("cluster-plain-warning");
  int port = free_port();
  std::vector<std::string> exposed{locustpp_binary(),
                                   "-f",
                                   std::string(examples_dir) + "/custom_arguments.so",
                                   "--master",
                                   "--headless",
                                   "--master-bind-host",
                                   "0.0.0.0",
                                   "--master-bind-port",
                                   std::to_string(port),
                                   "--expect-workers-max-wait",
                                   "1"};
  child_process master(exposed, {}, dir);
  EXPECT_EQ(master.wait(30s), 1);
  std::string log = master.stderr_text();
  EXPECT_NE(log.find("The master listens on 0.0.0.0 without a cluster key: any node that reaches port " +
                     std::to_string(port) + " can join as a worker"),
            std::string::npos)
      << log;
  EXPECT_NE(log.find("Secret module arguments go to the workers in plain text without a cluster key: "
                     "--my-ui-password-argument"),
            std::string::npos)
      << log;

  fs::path key = generated_key(dir);
  std::vector<std::string> keyed = exposed;
  keyed.insert(keyed.end(), {"--cluster-key-file", key.string()});
  child_process authenticated(keyed, {}, dir);
  EXPECT_EQ(authenticated.wait(30s), 1);
  EXPECT_EQ(authenticated.stderr_text().find("without a cluster key"), std::string::npos)
      << authenticated.stderr_text();
}

}  // namespace
}  // namespace locustpp::testing
