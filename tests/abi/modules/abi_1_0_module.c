/* A module built against the frozen ABI 1.0 headers (tests/abi/frozen), as
 * an outside team's module compiled before 1.1 existed: its argument struct
 * is smaller than the host's, its host table shorter. Every later 1.x host
 * must load and run it. One user GETs /status/200 through the host's client;
 * its argument's value is logged at test start (tagged with the module). */
#include "c_module_support.h"

#if LOCUSTPP_ABI_MINOR != 0
#error "build this module against tests/abi/frozen/abi_1_0"
#endif

static const locustpp_host_api* host;

static void on_response(void* ctx, const locustpp_http_response* response) {
  user_state* state = ctx;
  host->run_finished(state->run, response->status == 200 ? LOCUSTPP_RUN_DONE : LOCUSTPP_RUN_ERROR, text("not 200"));
}

static void* start_get(void* ctx, void* instance, locustpp_run* run) {
  (void)ctx;
  user_state* state = instance;
  state->run = run;
  locustpp_http_request request;
  memset(&request, 0, sizeof request);
  request.struct_size = sizeof request;
  request.method = text("GET");
  request.url = text("/status/200?from=abi-1-0");
  request.name = text("abi-1-0");
  host->http_request(state->user, &request, on_response, state);
  return state;
}

static int32_t greet(void* ctx, const locustpp_event* event, locustpp_error_buffer error) {
  (void)ctx; (void)event; (void)error;
  locustpp_string value = {0};
  char line[200] = "greeting: ";
  if (host->option_value(text("abi-1-0-greeting"), 0, &value) > 0 && value.size < 100) {
    strncat(line, value.data, value.size);
  }
  host->log(host, LOCUSTPP_LOG_INFO, text(line));
  return LOCUSTPP_OK;
}

static const locustpp_wait_time wait = {sizeof(locustpp_wait_time), LOCUSTPP_WAIT_CONSTANT, 0.01, 0.01, NULL, NULL};
static const char* const tags[] = {"old"};
static const locustpp_task tasks[] = {
    {sizeof(locustpp_task), "get", 1, tags, 1, start_get, NULL, NULL},
};
static const locustpp_task_set behaviour = {
    sizeof(locustpp_task_set), "AbiOneZero", 0, tasks, 1, &wait, create_user, destroy_user, NULL,
    NULL, NULL, NULL, NULL, abort_nothing};
static const locustpp_user_class user_class = {
    sizeof(locustpp_user_class), "AbiOneZero", 1.0, 0, NULL, &behaviour, NULL};
static const locustpp_argument greeting = {
    sizeof(locustpp_argument), "--abi-1-0-greeting", LOCUSTPP_ARG_STRING, "hello from 1.0", "What to log at start",
    NULL, NULL, 0, 0};

static int32_t register_module(const locustpp_host_api* given, const locustpp_registrar* registrar,
                               locustpp_error_buffer error) {
  (void)error;
  host = given;
  if (registrar->add_user_class(registrar->registrar_ctx, &user_class) != LOCUSTPP_OK) return LOCUSTPP_FAILED;
  if (registrar->add_argument(registrar->registrar_ctx, &greeting) != LOCUSTPP_OK) return LOCUSTPP_FAILED;
  return registrar->add_event_listener(registrar->registrar_ctx, LOCUSTPP_EVENT_TEST_START, greet, NULL);
}

LOCUSTPP_EXPORT const locustpp_module_descriptor* locustpp_module_entry(void) {
  static const locustpp_module_descriptor descriptor = {sizeof(locustpp_module_descriptor), LOCUSTPP_ABI_MAJOR,
      LOCUSTPP_ABI_MINOR, "dev.locustpp.tests.abi_1_0", "ABI 1.0 module", "1.0", "Built against ABI 1.0",
      register_module};
  return &descriptor;
}
