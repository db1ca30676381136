// A master node (Locust's MasterRunner): binds a ZeroMQ ROUTER, accepts
// workers (ours or any that speak Locust's protocol), and runs the
// controller's tests on them: users dispatched at the global spawn rate as
// absolute per-worker targets, heartbeats and liveness (a worker silent for
// ~4 s is missing), their reports merged into this process's statistics,
// stop and quit with every worker's last report before the outputs.
//
// Thread rules: control thread only; the socket's thread posts here.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "cli/run_options.hpp"
#include "cluster/curve_keys.hpp"
#include "cluster/message_board.hpp"
#include "control/controller.hpp"
#include "plugin/catalog.hpp"
#include "runtime/event_bus.hpp"
#include "runtime/host_services.hpp"

namespace locustpp::cluster {

class master_node {
 public:
  // Binds --master-bind-host:--master-bind-port (throws link_error) and
  // becomes the controller's remote users. With `key` the link is CURVE and
  // only nodes that hold the key are admitted.
  master_node(const cli::run_options& options, const plugin::catalog& catalog, control::controller& controller,
              runtime::host_state& state, runtime::event_bus& events, message_board& messages,
              std::optional<curve_key_pair> key);
  ~master_node();
  master_node(const master_node&) = delete;
  master_node& operator=(const master_node&) = delete;

  int port() const noexcept;
  // On the control thread: runs `start` once --expect-workers workers are
  // ready; after --expect-workers-max-wait seconds (when > 0) it gives up
  // and quits with exit code 1, as Locust does.
  void when_workers_ready(std::function<void()> start);

 private:
  class impl;
  std::unique_ptr<impl> impl_;
};

}  // namespace locustpp::cluster
