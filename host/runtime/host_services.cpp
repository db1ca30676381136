// The C functions of locustpp_host_api (see host_services.hpp). They run on
// whatever thread plugin code calls them from; user-bound services find
// their user through the handle, module-bound ones their module through
// `self` (each module's own copy of the table).
#include "runtime/host_services.hpp"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <atomic>
#include <cmath>
#include <cstring>

#include "abi/abi_text.hpp"
#include "runtime/event_bus.hpp"
#include "runtime/user_context.hpp"
#include "runtime/worker.hpp"
#include "stats/request_sample.hpp"

namespace locustpp::runtime {
namespace {

host_state* state = nullptr;

const std::string& module_id(const locustpp_host_api* self) {
  return plugin::module_of(self).id;
}

void log(const locustpp_host_api* self, std::int32_t level, locustpp_string message) {
  auto spd_level = level >= LOCUSTPP_LOG_CRITICAL  ? spdlog::level::critical
                   : level >= LOCUSTPP_LOG_ERROR   ? spdlog::level::err
                   : level >= LOCUSTPP_LOG_WARNING ? spdlog::level::warn
                   : level >= LOCUSTPP_LOG_INFO    ? spdlog::level::info
                                                   : spdlog::level::debug;
  spdlog::log(spd_level, "{}: {}", module_id(self), view_of(message));
}

// A handle whose run already ended is ignored (see run_table); the first
// few are logged, so a module repeating the mistake does not flood the log.
void run_finished(locustpp_run* run, std::int32_t outcome, locustpp_string message) {
  worker* current = worker::current();
  user_context* owner = current != nullptr ? current->runs().owner_of(run) : nullptr;
  if (owner == nullptr) {
    static std::atomic<int> reported{0};
    if (reported.fetch_add(1) < 5) {
      spdlog::warn("run_finished() with the handle of a run that already ended (or off its user's thread): ignored");
    }
    return;
  }
  owner->finish_run(run, outcome, view_of(message));
}

void http_request(locustpp_user* user, const locustpp_http_request* request, locustpp_http_callback callback,
                  void* ctx) {
  user_context::from(user).http_request(*request, callback, ctx);
}

void http_settle(locustpp_user* user, std::uint64_t request_id, std::int32_t outcome, locustpp_string failure,
                 const locustpp_pair* context, std::uint32_t context_count) {
  user_context::from(user).http_settle(request_id, outcome, view_of(failure), context, context_count);
}

void sleep(locustpp_user* user, double seconds, void (*callback)(void*), void* ctx) {
  user_context::from(user).sleep(seconds, callback, ctx);
}

void fire_request(locustpp_user*, const locustpp_request_event* event) {
  double ms = event->response_time_ms;
  auto ns = std::isnan(ms) || ms < 0 ? std::uint64_t{0} : static_cast<std::uint64_t>(ms * 1e6);
  stats::request_sample sample{view_of(event->request_type), view_of(event->name), ns,
                               event->response_length,       event->start_time,    view_of(event->exception)};
  if (worker* current = worker::current()) {
    current->events().fire(LOCUSTPP_EVENT_REQUEST, event);
    current->record(sample);
    return;
  }
  if (state->runner_state.load() == LOCUSTPP_STATE_READY) {
    spdlog::warn("fire_request before the test runs: the request '{}' is not recorded", view_of(event->name));
    return;
  }
  state->events.fire(LOCUSTPP_EVENT_REQUEST, event);
  state->stats.record_off_thread(sample);
}

std::uint32_t option_value(locustpp_string name, std::uint32_t index, locustpp_string* value) {
  std::string_view found;
  std::uint32_t count = state->options.read(view_of(name), index, &found);
  if (value != nullptr && index < count) *value = {found.data(), found.size()};
  return count;
}

std::uint32_t runner_kind() {
  return state->runner_kind.load();
}
std::uint32_t runner_state() {
  return state->runner_state.load();
}

void stop_test(const locustpp_host_api* self) {
  spdlog::debug("module {} stops the test", module_id(self));
  state->control.post([] {
    if (state->runner != nullptr) state->runner->stop_requested();
  });
}

void quit(const locustpp_host_api* self) {
  spdlog::debug("module {} quits", module_id(self));
  state->control.post([] {
    if (state->runner != nullptr) state->runner->quit_requested();
  });
}

void set_exit_code(const locustpp_host_api* self, std::int32_t code) {
  spdlog::debug("module {} sets the exit code to {}", module_id(self), code);
  state->exit_code_override.store(code);
}

std::int32_t stats(locustpp_string name, locustpp_string method, locustpp_stats_view* view) {
  if (view == nullptr) return 0;
  locustpp_stats_view full{};
  full.struct_size = sizeof(full);
  if (!state->stats.read(view_of(name), view_of(method), full)) return 0;
  std::uint32_t wanted = view->struct_size;  // an older plugin's smaller struct
  std::memcpy(static_cast<void*>(view), &full, std::min<std::size_t>(wanted, sizeof(full)));
  view->struct_size = wanted;
  return 1;
}

double stats_percentile(locustpp_string name, locustpp_string method, double fraction) {
  return state->stats.percentile(view_of(name), view_of(method), fraction);
}

std::uint64_t user_count() {
  return state->user_count.load();
}

const void* get_extension(const locustpp_host_api* self, const char* id) {
  std::string_view wanted = id != nullptr ? id : "";
  if (auto found = state->extensions.find(wanted); found != state->extensions.end()) return found->second;
  spdlog::debug("module {} asks for extension '{}': not available", module_id(self), wanted);
  return nullptr;
}

std::uint32_t worker_index() {
  return state->worker_index.load();
}

const locustpp_host_api table = {sizeof(locustpp_host_api),
                                 LOCUSTPP_ABI_MAJOR,
                                 LOCUSTPP_ABI_MINOR,
                                 &log,
                                 &run_finished,
                                 &http_request,
                                 &http_settle,
                                 &sleep,
                                 &fire_request,
                                 &option_value,
                                 &runner_kind,
                                 &runner_state,
                                 &stop_test,
                                 &quit,
                                 &set_exit_code,
                                 &stats,
                                 &stats_percentile,
                                 &user_count,
                                 &get_extension,
                                 &worker_index};

}  // namespace

const locustpp_host_api& install_host_services(host_state& installed) {
  state = &installed;
  return table;
}

}  // namespace locustpp::runtime
