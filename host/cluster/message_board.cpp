// The "locustpp.cluster.v1" extension table and its messages (see message_board.hpp).
#include "cluster/message_board.hpp"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <cstring>

#include "abi/abi_text.hpp"
#include "plugin/catalog.hpp"
#include "runtime/event_bus.hpp"

namespace locustpp::cluster {
namespace {

message_board* installed = nullptr;  // the process's one; set before modules load

// The protocol's own types: a module cannot take them.
constexpr std::string_view protocol_types[] = {
    "client_ready", "ack",       "spawn", "spawning",       "spawning_complete",
    "heartbeat",    "stats",     "stop",  "client_stopped", "quit",
    "exception",    "reconnect", "logs",  "locustfile",     "update_user_class"};

// Keys of the report itself: a module's keys go beside them.
constexpr std::string_view report_keys[] = {"stats",      "stats_total",        "errors", "user_classes_count",
                                            "user_count", "locustpp_exceptions"};

std::int32_t register_message(const locustpp_host_api* self, locustpp_string type, locustpp_message_fn handler,
                              void* ctx, locustpp_error_buffer error) {
  return abi_status(installed->register_message(plugin::module_of(self).id, std::string(view_of(type)), handler, ctx),
                    error);
}

std::int32_t send_message(const locustpp_host_api*, locustpp_string type, locustpp_string data, locustpp_string node_id,
                          locustpp_error_buffer error) {
  return abi_status(installed->send(std::string(view_of(type)), view_of(data), std::string(view_of(node_id))), error);
}

std::int32_t report_set(void* report, locustpp_string key, locustpp_string value, locustpp_error_buffer error) {
  auto* handle = static_cast<report_handle*>(report);
  std::string name(view_of(key));
  if (handle == nullptr || !handle->writable) return abi_status("report_set: only during report_to_master", error);
  if (std::find(std::begin(report_keys), std::end(report_keys), name) != std::end(report_keys)) {
    return abi_status("report_set: '" + name + "' is a key of the report itself", error);
  }
  std::string problem;
  std::optional<locustpp::value> decoded = locustpp::decode(view_of(value), &problem);
  if (!decoded)
    return abi_status("report_set: the value of '" + name + "' is not MessagePack (" + problem + ")", error);
  handle->report->set(name, std::move(*decoded));
  return LOCUSTPP_OK;
}

std::int32_t report_get(void* report, locustpp_string key, locustpp_string* value) {
  auto* handle = static_cast<report_handle*>(report);
  if (handle == nullptr || value == nullptr) return 0;
  const locustpp::value* found = handle->report->find(view_of(key));
  if (found == nullptr) return 0;
  const std::string& bytes = handle->handed_out.emplace_back(locustpp::encode(*found));
  *value = abi_of(bytes);
  return 1;
}

std::uint32_t worker_ids(std::uint32_t index, locustpp_string* node_id) {
  thread_local std::vector<std::string> ids;  // what the last call handed out
  ids = installed->worker_ids();
  if (index < ids.size() && node_id != nullptr) *node_id = abi_of(ids[index]);
  return static_cast<std::uint32_t>(ids.size());
}

const locustpp_cluster_extension table{
    sizeof(locustpp_cluster_extension), &register_message, &send_message, &report_set, &report_get, &worker_ids};

}  // namespace

const locustpp_cluster_extension& message_board::install(runtime::host_state& state) {
  installed = this;
  state_ = &state;
  return table;
}

void message_board::carry_with(carrier send, std::function<std::vector<std::string>()> ids) {
  carrier_ = std::move(send);
  worker_ids_ = std::move(ids);
}

std::string message_board::register_message(const std::string& module, const std::string& type,
                                            locustpp_message_fn call, void* ctx) {
  if (type.empty() || call == nullptr) return "register_message: a type and a handler are needed";
  if (std::find(std::begin(protocol_types), std::end(protocol_types), type) != std::end(protocol_types)) {
    return "register_message: '" + type + "' is a message of the protocol itself";
  }
  if (!handlers_.try_emplace(type, handler{call, ctx, module}).second) {
    return "register_message: a handler for '" + type + "' is already registered";
  }
  return "";
}

std::string message_board::send(const std::string& type, std::string_view data, const std::string& node_id) {
  std::string problem;
  std::optional<locustpp::value> decoded = locustpp::decode(data, &problem);
  if (!decoded) return "send_message: the data is not one MessagePack value (" + problem + ")";
  if (type.empty()) return "send_message: the type is empty";
  state_->control.post([this, type, data = std::move(*decoded), node_id]() mutable {
    if (carrier_) return carrier_(type, std::move(data), node_id);
    if (!deliver(type, data, "local")) spdlog::warn("No handler for message type '{}'", type);
  });
  return "";
}

void message_board::forget_module(std::string_view module_id) {
  std::erase_if(handlers_, [&](const auto& entry) { return entry.second.module == module_id; });
}

bool message_board::deliver(const std::string& type, const locustpp::value& data, const std::string& node_id) {
  auto found = handlers_.find(type);
  if (found == handlers_.end()) return false;
  std::string bytes = locustpp::encode(data);
  char message[512];
  std::size_t size = 0;
  if (found->second.call(found->second.ctx, abi_of(type), abi_of(bytes), abi_of(node_id),
                         locustpp_error_buffer{message, sizeof(message), &size}) != LOCUSTPP_OK) {
    state_->events.count_internal_errors();
    spdlog::error("The handler of message '{}' failed: {}", type,
                  std::string_view(message, std::min(size, sizeof(message))));
  }
  return true;
}

std::vector<std::string> message_board::worker_ids() const {
  return worker_ids_ ? worker_ids_() : std::vector<std::string>{};
}

}  // namespace locustpp::cluster
