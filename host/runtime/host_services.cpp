// The C functions of locustpp_host_api (see host_services.hpp). They run on
// whatever thread plugin code calls them from; user-bound services find
// their user through the handle.
#include "runtime/host_services.hpp"

#include <spdlog/spdlog.h>

#include <cmath>

#include "runtime/event_bus.hpp"
#include "runtime/simulated_user.hpp"
#include "runtime/worker.hpp"
#include "stats/request_sample.hpp"

namespace locustpp::runtime {
namespace {

host_state* state = nullptr;

std::string_view view(locustpp_string text) { return text.size == 0 ? std::string_view{} : std::string_view{text.data, text.size}; }

void log(std::int32_t level, locustpp_string message) {
  auto spd_level = level >= LOCUSTPP_LOG_CRITICAL ? spdlog::level::critical
                   : level >= LOCUSTPP_LOG_ERROR  ? spdlog::level::err
                   : level >= LOCUSTPP_LOG_WARNING ? spdlog::level::warn
                   : level >= LOCUSTPP_LOG_INFO    ? spdlog::level::info
                                                   : spdlog::level::debug;
  spdlog::log(spd_level, "{}", view(message));
}

void run_finished(locustpp_run* run, std::int32_t outcome, locustpp_string message) {
  simulated_user::from(run).run_finished(outcome, view(message));
}

void http_request(locustpp_user* user, const locustpp_http_request* request, locustpp_http_callback callback,
                  void* ctx) {
  simulated_user::from(user).http_request(*request, callback, ctx);
}

void http_settle(locustpp_user* user, std::uint64_t request_id, std::int32_t outcome, locustpp_string failure,
                 const locustpp_pair* context, std::uint32_t context_count) {
  simulated_user::from(user).http_settle(request_id, outcome, view(failure), context, context_count);
}

void sleep(locustpp_user* user, double seconds, void (*callback)(void*), void* ctx) {
  simulated_user::from(user).sleep(seconds, callback, ctx);
}

void fire_request(locustpp_user*, const locustpp_request_event* event) {
  worker* current = worker::current();
  if (current == nullptr) {
    spdlog::warn("fire_request called outside a user thread: the request '{}' is not recorded", view(event->name));
    return;
  }
  current->events().fire(LOCUSTPP_EVENT_REQUEST, event);
  double ms = event->response_time_ms;
  auto ns = std::isnan(ms) || ms < 0 ? std::uint64_t{0} : static_cast<std::uint64_t>(ms * 1e6);
  current->shard().record(stats::request_sample{view(event->request_type), view(event->name), ns, event->response_length,
                                                event->start_time, view(event->exception)});
}

std::uint32_t option_value(locustpp_string name, std::uint32_t index, locustpp_string* value) {
  auto found = state->option_values.find(view(name));
  if (found == state->option_values.end()) return 0;
  const auto& values = found->second;
  if (value != nullptr && index < values.size()) *value = {values[index].data(), values[index].size()};
  return static_cast<std::uint32_t>(values.size());
}

std::uint32_t runner_kind() { return LOCUSTPP_RUNNER_LOCAL; }
std::uint32_t runner_state() { return state->runner_state.load(); }
void stop_test() {
  if (state->request_stop) state->request_stop();
}
void quit() {
  if (state->request_quit) state->request_quit();
}
void set_exit_code(std::int32_t code) { state->exit_code_override.store(code); }

const locustpp_host_api table = {
    sizeof(locustpp_host_api), LOCUSTPP_ABI_MAJOR, LOCUSTPP_ABI_MINOR, &log, &run_finished, &http_request, &http_settle,
    &sleep, &fire_request, &option_value, &runner_kind, &runner_state, &stop_test, &quit, &set_exit_code};

}  // namespace

const locustpp_host_api& install_host_services(host_state& installed) {
  state = &installed;
  return table;
}

}  // namespace locustpp::runtime
