// What modules do through the "locustpp.cluster.v1" extension
// (locustpp/abi/cluster.h): their message types and handlers, the messages
// they send, the keys they add to a worker's report or read from it, and
// the master's list of workers. One per process, installed before modules
// load. The master or worker node of the process carries the messages; with
// none (a single process) a message goes to this process's own handler, as
// Locust's LocalRunner does.
//
// Thread rules: registration on the control thread before the run; sends
// from any thread (delivered by posting to the control thread); the rest on
// the control thread.
#pragma once

#include <deque>
#include <functional>
#include <map>
#include <string>
#include <vector>

#include "locustpp/abi/cluster.h"
#include "locustpp/value.hpp"
#include "plugin/extension_registrations.hpp"
#include "runtime/host_services.hpp"

namespace locustpp::cluster {

// The `report` of REPORT_TO_MASTER / WORKER_REPORT events: the report map,
// and room for the bytes report_get hands out (valid during the event).
struct report_handle {
  locustpp::value* report;
  bool writable;  // a worker's report to be sent; a master only reads
  std::deque<std::string> handed_out;
};

class message_board final : public plugin::extension_registrations {
 public:
  // Sends (type, data, node id) to where the node's protocol takes it.
  using carrier = std::function<void(const std::string& type, locustpp::value data, const std::string& node_id)>;

  // Makes this the object the extension table serves; returns the table.
  const locustpp_cluster_extension& install(runtime::host_state& state);
  // Control thread: the node that carries messages, and (a master) its workers' ids.
  void carry_with(carrier send, std::function<std::vector<std::string>()> worker_ids = {});

  // A message of a module's type arrived from `node_id`. False when no module handles `type`.
  bool deliver(const std::string& type, const locustpp::value& data, const std::string& node_id);
  // True when a module registered a handler for `type` (its messages may be larger).
  bool handles(std::string_view type) const { return handlers_.find(type) != handlers_.end(); }

  // For the table's functions (and tests). "" or why the call was refused.
  std::string register_message(const std::string& module, const std::string& type, locustpp_message_fn handler,
                               void* ctx);
  // A refused module's handlers go (plugin::extension_registrations).
  void forget_module(std::string_view module_id) override;
  std::string send(const std::string& type, std::string_view data, const std::string& node_id);
  std::vector<std::string> worker_ids() const;

 private:
  struct handler {
    locustpp_message_fn call;
    void* ctx;
    std::string module;  // its id
  };
  runtime::host_state* state_ = nullptr;
  std::map<std::string, handler, std::less<>> handlers_;
  carrier carrier_;
  std::function<std::vector<std::string>()> worker_ids_;
};

}  // namespace locustpp::cluster
