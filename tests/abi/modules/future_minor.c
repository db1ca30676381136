/* A module built for a future ABI minor (1.99): its structs are larger than
 * this host knows, with the fields it does not know left zero, and it asks
 * for an extension this host lacks. It must load and run, doing without the
 * feature, not be refused. */
#include "c_module_support.h"

static const locustpp_host_api* host;

static void on_response(void* ctx, const locustpp_http_response* response) {
  (void)response;
  host->run_finished(((user_state*)ctx)->run, LOCUSTPP_RUN_DONE, text(""));
}

static void* start_get(void* ctx, void* instance, locustpp_run* run) {
  (void)ctx;
  user_state* state = instance;
  state->run = run;
  locustpp_http_request request;
  memset(&request, 0, sizeof request);
  request.struct_size = sizeof request;
  request.method = text("GET");
  request.url = text("/status/200?from=future");
  request.name = text("future-minor");
  host->http_request(state->user, &request, on_response, state);
  return state;
}

/* Each struct as a 1.99 module would see it: what we know, then fields
 * appended after us, left zero because this module does not use them. */
struct future_task { locustpp_task known; char later[24]; };
struct future_set { locustpp_task_set known; char later[24]; };
struct future_class { locustpp_user_class known; char later[24]; };
struct future_descriptor { locustpp_module_descriptor known; char later[24]; };

static const locustpp_wait_time wait = {sizeof(locustpp_wait_time), LOCUSTPP_WAIT_CONSTANT, 0.01, 0.01, NULL, NULL};
static const struct future_task tasks[] = {
    {{sizeof(struct future_task), "get", 1, NULL, 0, start_get, NULL, NULL}, {0}},
    {{sizeof(struct future_task), "get-again", 1, NULL, 0, start_get, NULL, NULL}, {0}},
};
static const struct future_set behaviour = {
    {sizeof(struct future_set), "FutureMinor", 0, &tasks[0].known, 2, &wait, create_user, destroy_user, NULL, NULL,
     NULL, NULL, NULL, abort_nothing},
    {0}};
static const struct future_class user_class = {
    {sizeof(struct future_class), "FutureMinor", 1.0, 0, NULL, &behaviour.known, NULL}, {0}};

static int32_t register_module(const locustpp_host_api* given, const locustpp_registrar* registrar,
                               locustpp_error_buffer error) {
  (void)error;
  host = given;
  if (host->get_extension(host, "locustpp.future-feature.v1") == NULL) {
    host->log(host, LOCUSTPP_LOG_INFO, text("extension locustpp.future-feature.v1 is not available: running without it"));
  }
  return registrar->add_user_class(registrar->registrar_ctx, &user_class.known);
}

LOCUSTPP_EXPORT const locustpp_module_descriptor* locustpp_module_entry(void) {
  static const struct future_descriptor descriptor = {
      {sizeof(struct future_descriptor), LOCUSTPP_ABI_MAJOR, 99, "dev.locustpp.tests.future_minor", "Future minor",
       "1.0", "Built for ABI 1.99", register_module},
      {0}};
  return &descriptor.known;
}
