// A worker node (Locust's WorkerRunner): connects to a master (ours or
// Python Locust's) and runs what it is told with the process's controller:
// client_ready until acked, spawn with absolute per-class targets, stop,
// quit; heartbeats every second and a statistics report every 3 s (what the
// threads recorded since the last one), a last one at quit
// (reference/locust-protocol.md §2-3).
//
// Thread rules: created, started and destroyed on the control thread (or
// before it runs); messages from the socket's thread are posted to it.
#pragma once

#include <memory>
#include <optional>

#include "cli/run_options.hpp"
#include "cluster/curve_keys.hpp"
#include "cluster/message_board.hpp"
#include "control/controller.hpp"
#include "plugin/catalog.hpp"
#include "runtime/event_bus.hpp"
#include "runtime/host_services.hpp"

namespace locustpp::cluster {

class worker_node {
 public:
  // Throws link_error when the master's address cannot be used.
  // With `key` the link is CURVE (the master must hold the same key).
  worker_node(const cli::run_options& options, const plugin::catalog& catalog, control::controller& controller,
              runtime::host_state& state, runtime::event_bus& events, message_board& messages,
              std::optional<curve_key_pair> key);
  ~worker_node();  // sends what is queued (the last report, quit), then closes
  worker_node(const worker_node&) = delete;
  worker_node& operator=(const worker_node&) = delete;

  // On the control thread: announces the worker and starts its timers.
  void start();

 private:
  class impl;
  std::unique_ptr<impl> impl_;
};

}  // namespace locustpp::cluster
