/* locustpp plugin ABI — the services the host offers a module: one
 * append-only function table handed over at registration. A module that
 * wants a service appended after ABI 1.0 checks `struct_size` (or abi_minor)
 * before calling it. Each module gets its own copy of the table: the
 * services that take `self` (the table the module was given) know which
 * module calls them, and say so in what they log. */
#ifndef LOCUSTPP_ABI_HOST_H
#define LOCUSTPP_ABI_HOST_H

#include "locustpp/abi/base.h"
#include "locustpp/abi/events.h"
#include "locustpp/abi/http.h"
#include "locustpp/abi/users.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef enum locustpp_log_level {
  LOCUSTPP_LOG_DEBUG = 10,
  LOCUSTPP_LOG_INFO = 20,
  LOCUSTPP_LOG_WARNING = 30,
  LOCUSTPP_LOG_ERROR = 40,
  LOCUSTPP_LOG_CRITICAL = 50
} locustpp_log_level;

typedef enum locustpp_runner_kind {
  LOCUSTPP_RUNNER_LOCAL = 0,
  LOCUSTPP_RUNNER_MASTER = 1,
  LOCUSTPP_RUNNER_WORKER = 2
} locustpp_runner_kind;

typedef enum locustpp_runner_state {
  LOCUSTPP_STATE_READY = 0,
  LOCUSTPP_STATE_SPAWNING = 1,
  LOCUSTPP_STATE_RUNNING = 2,
  LOCUSTPP_STATE_CLEANUP = 3,
  LOCUSTPP_STATE_STOPPING = 4,
  LOCUSTPP_STATE_STOPPED = 5
} locustpp_runner_state;

/* Live statistics of one entry or of the Aggregated total, as of the last
 * merge (at most about a second old). Filled by host->stats(). */
typedef struct locustpp_stats_view {
  uint32_t struct_size;
  uint64_t num_requests;
  uint64_t num_failures;
  double fail_ratio;                 /* failures / requests, 0..1 */
  double current_rps;                /* Locust's current rate (last ~10 s) */
  double current_fail_per_sec;
  double total_rps;                  /* whole run */
  double avg_response_time_ms;
  double min_response_time_ms;
  double max_response_time_ms;
  double median_response_time_ms;
  double percentile_95_ms;
  double percentile_99_ms;
  double avg_content_length;         /* bytes */
} locustpp_stats_view;

struct locustpp_host_api;
typedef struct locustpp_host_api {
  uint32_t struct_size;
  uint32_t abi_major;
  uint32_t abi_minor;

  /* Writes to the host's log, tagged with the module. Any thread. */
  void (*log)(const struct locustpp_host_api* self, int32_t level, locustpp_string message);

  /* Ends a run started through a locustpp_start_fn (exactly once). User
   * thread. `message` (borrowed) explains LOCUSTPP_RUN_ERROR. */
  void (*run_finished)(locustpp_run* run, int32_t outcome, locustpp_string message);

  /* Sends an HTTP request for `user`; `callback` runs later on the user
   * thread. One request or sleep at a time per user. */
  void (*http_request)(locustpp_user* user, const locustpp_http_request* request,
                       locustpp_http_callback callback, void* callback_ctx);

  /* Decides a LOCUSTPP_HTTP_CATCH_RESPONSE request (SUCCESS, FAILURE: the
   * last decision counts, as in Locust) and adds response-side context
   * (request_meta["context"]). DEFAULT lets the response go: the request
   * event fires then with the last decision (the status decides without
   * one); the user's next request and the end of its task let it go too.
   * Earlier hosts fired at the first decision. A settle for a
   * request that is no longer pending is ignored. User thread; strings
   * borrowed. */
  void (*http_settle)(locustpp_user* user, uint64_t request_id, int32_t settle_outcome,
                      locustpp_string failure,
                      const locustpp_pair* context, uint32_t context_count);

  /* Calls `callback(ctx)` on the user thread after `seconds`. */
  void (*sleep)(locustpp_user* user, double seconds, void (*callback)(void* ctx), void* ctx);

  /* Fires the request event for a request made by plugin code (any client):
   * listeners run and statistics record it. `user` may be NULL outside user
   * threads. Strings borrowed. */
  void (*fire_request)(locustpp_user* user, const locustpp_request_event* event);

  /* The parsed value(s) of an option, built-in ("users") or a module's
   * ("my-argument"), by name without dashes. Returns how many values there
   * are and stores value `index` in *value (host-owned, valid until the
   * process ends); 0 when unset/unknown. Any thread. */
  uint32_t (*option_value)(locustpp_string name, uint32_t index, locustpp_string* value);

  uint32_t (*runner_kind)(void);   /* locustpp_runner_kind; any thread */
  uint32_t (*runner_state)(void);  /* locustpp_runner_state; any thread */

  /* Stops the test as Locust's StopTest / runner.quit() do. Any thread. */
  void (*stop_test)(const struct locustpp_host_api* self);
  void (*quit)(const struct locustpp_host_api* self);
  /* Sets the exit code the process ends with (environment.process_exit_code). */
  void (*set_exit_code)(const struct locustpp_host_api* self, int32_t exit_code);

  /* Statistics of the entry (name, method), or of Aggregated when `name` is
   * empty. Returns 0 (and leaves *view untouched) when there is no such
   * entry yet. `view->struct_size` must be set by the caller; the host fills
   * at most that many bytes. Any thread. */
  int32_t (*stats)(locustpp_string name, locustpp_string method, locustpp_stats_view* view);
  /* The response time (ms) at `fraction` (0..1) of an entry or Aggregated,
   * exact to 1%; NaN when there are no requests. Any thread. */
  double (*stats_percentile)(locustpp_string name, locustpp_string method, double fraction);
  /* Users running now. Any thread. */
  uint64_t (*user_count)(void);

  /* The extension table named `id` ("locustpp.web.v1", ...), static, or NULL
   * when this host does not have that feature. Any thread. */
  const void* (*get_extension)(const struct locustpp_host_api* self, const char* id);

  /* ---- ABI 1.1 ---- */
  /* This process's worker index (0 for a local or master runner). Any thread. */
  uint32_t (*worker_index)(void);
} locustpp_host_api;

#ifdef __cplusplus
}
#endif
#endif /* LOCUSTPP_ABI_HOST_H */
