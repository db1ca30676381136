// locustpp C++ SDK — master and workers talking (locustpp/abi/cluster.h):
// custom messages (Locust's runner.register_message / send_message) and the
// keys a worker adds to its report for the master (report_to_master /
// worker_report). Data is a locustpp::value (MessagePack on the wire).
//
//   // in LOCUSTPP_MODULE, or an init listener:
//   locustpp::register_message("test_users", [](const locustpp::message& m) { use(m.data); });
//   module.on_report_to_master([](locustpp::report_writer& report) { report.set("cache", hits); });
//   module.on_worker_report([](const locustpp::report_reader& report) { total += report.get("cache").integer(); });
//   // any time after:
//   locustpp::send_message("test_users", users, worker_id);    // master: one worker ("" = all); worker: its master
//
// Every function returns false on a host without the cluster extension and
// throws std::invalid_argument when the host refuses the call.
#pragma once

#include <cstdint>
#include <deque>
#include <functional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "locustpp/abi/cluster.h"
#include "locustpp/detail/run.hpp"
#include "locustpp/detail/storage.hpp"
#include "locustpp/host.hpp"
#include "locustpp/value.hpp"

namespace locustpp {

struct message {
  std::string_view type;
  value data;
  std::string_view node_id;  // the sender: a worker's id on the master, "" on a worker, "local" alone
};
using message_handler = std::function<void(const message&)>;

namespace cluster_detail {
inline const locustpp_cluster_extension* extension() {
  return static_cast<const locustpp_cluster_extension*>(::locustpp::extension(LOCUSTPP_CLUSTER_EXTENSION_ID));
}

template <class Call>
bool checked(Call&& call) {
  const locustpp_cluster_extension* table = extension();
  if (table == nullptr) return false;
  char text[512];
  std::size_t size = 0;
  if (call(*table, locustpp_error_buffer{text, sizeof(text), &size}) != LOCUSTPP_OK) {
    throw std::invalid_argument(std::string(text, size < sizeof(text) ? size : sizeof(text)));
  }
  return true;
}

inline std::int32_t call_handler(void* ctx, locustpp_string type, locustpp_string data, locustpp_string node_id,
                                 locustpp_error_buffer error) noexcept {
  try {
    std::string problem;
    std::optional<value> decoded = decode(from_abi(data), &problem);
    if (!decoded) throw std::invalid_argument("undecodable message data: " + problem);
    (*static_cast<message_handler*>(ctx))(message{from_abi(type), std::move(*decoded), from_abi(node_id)});
    return LOCUSTPP_OK;
  } catch (...) {
    detail::write_error(error, detail::describe_current_exception());
    return LOCUSTPP_FAILED;
  }
}
}  // namespace cluster_detail

// Calls `handler` on the control thread for every message of `type` sent to this process.
inline bool register_message(std::string_view type, message_handler handler) {
  static std::deque<message_handler> kept;  // handlers live as long as the module
  message_handler& stored = kept.emplace_back(std::move(handler));
  return cluster_detail::checked([&](const locustpp_cluster_extension& table, locustpp_error_buffer error) {
    return table.register_message(&host(), to_abi(type), &cluster_detail::call_handler, &stored, error);
  });
}

// From the master: to worker `node_id`, or to every worker when it is empty.
// From a worker: to its master. Alone: to this process's own handler. Any thread.
inline bool send_message(std::string_view type, const value& data = {}, std::string_view node_id = {}) {
  std::string bytes = encode(data);
  return cluster_detail::checked([&](const locustpp_cluster_extension& table, locustpp_error_buffer error) {
    return table.send_message(&host(), to_abi(type), to_abi(bytes), to_abi(node_id), error);
  });
}

// The master's workers (control thread: in handlers and event listeners). Empty elsewhere.
inline std::vector<std::string> worker_ids() {
  std::vector<std::string> ids;
  const locustpp_cluster_extension* table = cluster_detail::extension();
  if (table == nullptr) return ids;
  locustpp_string id{};
  std::uint32_t count = table->worker_ids(0, &id);
  for (std::uint32_t i = 0; i < count; ++i) {
    if (i > 0) table->worker_ids(i, &id);
    ids.emplace_back(from_abi(id));
  }
  return ids;
}

// A worker's report, in a report_to_master listener: add your keys.
class report_writer {
 public:
  explicit report_writer(void* report) : report_(report) {}
  void set(std::string_view key, const value& item) {
    std::string bytes = encode(item);
    cluster_detail::checked([&](const locustpp_cluster_extension& table, locustpp_error_buffer error) {
      return table.report_set(report_, to_abi(key), to_abi(bytes), error);
    });
  }

 private:
  void* report_;
};

// A worker's report on the master, in a worker_report listener: read the keys.
class report_reader {
 public:
  report_reader(void* report, std::string_view node_id) : report_(report), node_id_(node_id) {}
  std::string_view node_id() const noexcept { return node_id_; }  // the worker it came from
  // The value of `key`, or nil when the report has none.
  value get(std::string_view key) const {
    const locustpp_cluster_extension* table = cluster_detail::extension();
    locustpp_string bytes{};
    if (table == nullptr || table->report_get(report_, to_abi(key), &bytes) == 0) return {};
    return decode(from_abi(bytes)).value_or(value{});
  }

 private:
  void* report_;
  std::string_view node_id_;
};

}  // namespace locustpp
