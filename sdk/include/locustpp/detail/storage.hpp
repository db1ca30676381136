// locustpp C++ SDK (internal) — storage behind a module's descriptors. The
// host keeps pointers to everything registered, so it all lives here, at
// stable addresses, for as long as the module is loaded.
#pragma once

#include <cstring>
#include <deque>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "locustpp/locustpp.h"
#include "locustpp/task.hpp"

namespace locustpp::detail {

// One task set (or a user's own tasks) being declared.
struct task_set_record {
  locustpp_task_set set{};
  std::vector<locustpp_task> tasks;
};

struct module_storage {
  std::deque<std::string> strings;
  std::deque<std::vector<const char*>> string_arrays;
  std::deque<task_set_record> task_sets;
  std::deque<locustpp_user_class> user_classes;
  std::deque<std::function<task<>(void*)>> task_functions;
  std::deque<std::function<double(void*)>> wait_functions;
  std::deque<locustpp_wait_time> wait_times;
  std::deque<std::function<void(const locustpp_event&)>> listeners;
  std::deque<locustpp_argument> arguments;

  const char* keep(std::string_view text) { return strings.emplace_back(text).c_str(); }
  const char* const* keep_all(const std::vector<std::string>& texts) {
    auto& array = string_arrays.emplace_back();
    for (const auto& text : texts) array.push_back(keep(text));
    return array.empty() ? nullptr : array.data();
  }
};

// Writes `message` into a host error buffer (truncating).
inline void write_error(locustpp_error_buffer error, std::string_view message) noexcept {
  if (error.data == nullptr || error.size == nullptr) return;
  std::size_t length = message.size() < error.capacity ? message.size() : error.capacity;
  std::memcpy(error.data, message.data(), length);
  *error.size = length;
}

}  // namespace locustpp::detail
