/* A module that reports an old run again (a bug plugins can have: a handle
 * kept after its run ended). Each run first finishes the previous run's
 * handle with LOCUSTPP_RUN_STOP_USER: the host must ignore it, not end the
 * user's current run (the user would then stop after two tasks). Each run
 * fires one request event, so the statistics count the runs. */
#include "c_module_support.h"

static const locustpp_host_api* host;

static void after_nap(void* ctx) {
  user_state* state = ctx;
  locustpp_request_event event;
  memset(&event, 0, sizeof event);
  event.struct_size = sizeof event;
  event.request_type = text("RUN");
  event.name = text("stale-probe");
  event.response_time_ms = 1;
  host->fire_request(state->user, &event);
  state->previous = state->run;
  host->run_finished(state->run, LOCUSTPP_RUN_DONE, text(""));
}

static void* start(void* ctx, void* instance, locustpp_run* run) {
  (void)ctx;
  user_state* state = instance;
  state->run = run;
  if (state->previous != NULL) host->run_finished(state->previous, LOCUSTPP_RUN_STOP_USER, text("stale"));
  host->sleep(state->user, 0.005, after_nap, state);
  return state;
}

static const locustpp_task tasks[] = {{sizeof(locustpp_task), "probe", 1, NULL, 0, start, NULL, NULL}};
static const locustpp_task_set behaviour = {
    sizeof(locustpp_task_set), "StaleRunHandle", 0, tasks, 1, NULL, create_user, destroy_user, NULL,
    NULL, NULL, NULL, NULL, abort_nothing};
static const locustpp_user_class user_class = {
    sizeof(locustpp_user_class), "StaleRunHandle", 1.0, 0, NULL, &behaviour, NULL};

static int32_t register_module(const locustpp_host_api* given, const locustpp_registrar* registrar,
                               locustpp_error_buffer error) {
  (void)error;
  host = given;
  return registrar->add_user_class(registrar->registrar_ctx, &user_class);
}

LOCUSTPP_EXPORT const locustpp_module_descriptor* locustpp_module_entry(void) {
  static const locustpp_module_descriptor descriptor = {sizeof(locustpp_module_descriptor), LOCUSTPP_ABI_MAJOR,
      LOCUSTPP_ABI_MINOR, "dev.locustpp.tests.stale_run_handle", "Stale run handle", "1.0", "", register_module};
  return &descriptor;
}
