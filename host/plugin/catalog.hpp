// Everything the loaded modules declared, copied into host-side models after
// validation: user classes with their task trees, event listeners,
// command-line arguments and web routes. Built on the control thread at
// start-up, read-only afterwards (so any thread may read it).
#pragma once

#include <array>
#include <memory>
#include <string>
#include <vector>

#include "cli/plugin_argument.hpp"
#include "locustpp/locustpp.h"
#include "plugin/code_site.hpp"

namespace locustpp::plugin {

struct loaded_module;

// Each module gets its own copy of the host's service table: a service that
// takes `self` finds the calling module through it (module_of).
struct module_host_table {
  locustpp_host_api table;  // first member: `self` points here
  const loaded_module* module = nullptr;
};

// The module whose table `self` is.
inline const loaded_module& module_of(const locustpp_host_api* self) noexcept {
  return *reinterpret_cast<const module_host_table*>(self)->module;
}

struct loaded_module {
  std::string path;
  std::string id, name, version, description;
  std::uint32_t abi_minor = 0;              // the ABI minor it was built for
  std::unique_ptr<module_host_table> host;  // the table handed to it; lives as long as the module
};

struct task_set_model;

struct task_model {
  std::string name;
  code_site site;  // "Class.task" (or "Class.Set.task")
  std::uint32_t weight = 1;
  std::vector<std::string> tags;
  locustpp_start_fn start = nullptr;  // plain task
  void* start_ctx = nullptr;
  std::unique_ptr<task_set_model> nested;  // or a nested task set

  // Everything but the nested set (which callers copy their own way).
  task_model without_nested() const {
    task_model copy;
    copy.name = name;
    copy.site = site;
    copy.weight = weight;
    copy.tags = tags;
    copy.start = start;
    copy.start_ctx = start_ctx;
    return copy;
  }
};

// The code side of a task set: how to build its instance, its hooks and
// wait time. Copied as a whole when a run derives its filtered task tree.
struct task_set_code {
  locustpp_wait_time wait{};
  locustpp_create_fn create = nullptr;
  locustpp_destroy_fn destroy = nullptr;
  void* instance_ctx = nullptr;
  locustpp_start_fn on_start = nullptr;
  void* on_start_ctx = nullptr;
  locustpp_start_fn on_stop = nullptr;
  void* on_stop_ctx = nullptr;
  locustpp_abort_fn abort_run = nullptr;
  // Where each piece of the set's code runs: create/destroy ("Class" or
  // "Class.Set"), its custom wait time, on_start and on_stop.
  code_site instance_site, wait_site, on_start_site, on_stop_site;
};

struct task_set_model : task_set_code {
  std::string name;
  bool sequential = false;
  std::vector<task_model> tasks;
};

struct user_class_model {
  std::string name;
  double weight = 1;
  std::uint32_t fixed_count = 0;
  std::string host;  // empty = -H/--host
  task_set_model behaviour;
  void (*context)(void*, locustpp_context_sink, void*) = nullptr;
  code_site context_site;  // "Class.context"
  const loaded_module* module = nullptr;
};

struct listener_model {
  locustpp_event_fn call = nullptr;
  void* ctx = nullptr;
  const loaded_module* module = nullptr;
  code_site site;  // "test_start listener"
};

struct route_model {
  std::string method, path;
  bool prefix = false;
  locustpp_route_fn handler = nullptr;
  void* ctx = nullptr;
  const loaded_module* module = nullptr;
  code_site site;  // "web route GET /path"
};

struct background_model {
  std::string name;
  locustpp_start_fn start = nullptr;
  void* start_ctx = nullptr;
  locustpp_abort_fn abort_run = nullptr;
  const loaded_module* module = nullptr;
  code_site site;  // "background job <name>"
};

struct shape_model {
  std::string name;
  int32_t (*tick)(void*, locustpp_shape_tick*, locustpp_error_buffer) = nullptr;
  void* ctx = nullptr;
  const loaded_module* module = nullptr;
  code_site site;  // "load shape <name>"
};

struct catalog {
  std::vector<std::unique_ptr<loaded_module>> modules;
  std::vector<std::unique_ptr<user_class_model>> user_classes;
  std::array<std::vector<listener_model>, LOCUSTPP_EVENT_KIND_END> listeners;
  std::vector<cli::plugin_argument> arguments;
  std::vector<route_model> routes;
  std::vector<background_model> background_jobs;
  std::vector<shape_model> shapes;  // the first one is used
  // Arguments a refused module declared again ("argument '--x' of module B
  // (path): already declared by module A (path)"): unlike other refusals,
  // these end the process before any test, as Locust's argparse does.
  std::vector<std::string> argument_conflicts;
};

}  // namespace locustpp::plugin
