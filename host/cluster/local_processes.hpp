// --processes N (Locust 2.19+): this command forks N worker processes on
// this machine. Without --worker the parent becomes their master (expecting
// N workers); with --worker the parent only waits for them. The parent exits
// with the highest exit code of all.
#pragma once

#include <sys/types.h>

#include <vector>

#include "cli/run_options.hpp"

namespace locustpp::cluster {

class local_processes {
 public:
  // Forks the workers (-1: one per core). In each child, `options` become a
  // worker's (connecting to this master on loopback; no run time, outputs or
  // tables of its own) and the returned object is empty. In the parent,
  // `options` become the master's (unless it is a worker itself).
  static local_processes fork_workers(cli::run_options& options);

  bool forked() const noexcept { return forked_; }  // in the parent and in each child
  bool is_parent() const noexcept { return forked_ && parent_; }
  // Parent with a master: once the master has ended, waits up to 3 s for the
  // children (interrupting, then killing, those still running) and returns
  // the highest of `own_code` and theirs.
  int wait_for_children(int own_code);
  // Parent of workers only: waits for as long as they run. SIGINT/SIGTERM
  // are passed on to them; a second one kills them. Returns the highest code.
  int wait_for_workers();

 private:
  bool forked_ = false;
  bool parent_ = false;
  std::vector<pid_t> children_;
};

}  // namespace locustpp::cluster
