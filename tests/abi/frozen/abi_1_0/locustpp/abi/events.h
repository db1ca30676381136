/* locustpp plugin ABI — event listeners: every Locust event, with its fields.
 * A listener returns LOCUSTPP_OK, or LOCUSTPP_FAILED with a message: the host
 * logs it, the run goes on, and the process exits with code 2 at the end. */
#ifndef LOCUSTPP_ABI_EVENTS_H
#define LOCUSTPP_ABI_EVENTS_H

#include "locustpp/abi/base.h"
#include "locustpp/abi/http.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef enum locustpp_event_kind {
  LOCUSTPP_EVENT_INIT = 1,                     /* control thread, after loading */
  LOCUSTPP_EVENT_INIT_COMMAND_LINE_PARSER = 2, /* control thread, before parsing */
  LOCUSTPP_EVENT_TEST_START = 3,               /* control thread */
  LOCUSTPP_EVENT_TEST_STOPPING = 4,            /* control thread */
  LOCUSTPP_EVENT_TEST_STOP = 5,                /* control thread */
  LOCUSTPP_EVENT_REQUEST = 6,                  /* the requesting user's thread */
  LOCUSTPP_EVENT_USER_ERROR = 7,               /* the failing user's thread */
  LOCUSTPP_EVENT_SPAWNING_COMPLETE = 8,        /* control thread */
  LOCUSTPP_EVENT_RESET_STATS = 9,              /* control thread */
  LOCUSTPP_EVENT_QUITTING = 10,                /* control thread */
  LOCUSTPP_EVENT_QUIT = 11,                    /* control thread */
  LOCUSTPP_EVENT_USAGE_MONITOR = 12,           /* control thread */
  LOCUSTPP_EVENT_CPU_WARNING = 13,             /* control thread */
  LOCUSTPP_EVENT_REPORT_TO_MASTER = 14,        /* control thread (worker) */
  LOCUSTPP_EVENT_WORKER_REPORT = 15,           /* control thread (master) */
  LOCUSTPP_EVENT_WORKER_CONNECT = 16,          /* control thread (master) */
  LOCUSTPP_EVENT_HEARTBEAT_SENT = 17,          /* control thread (master) */
  LOCUSTPP_EVENT_HEARTBEAT_RECEIVED = 18,      /* control thread (worker) */
  LOCUSTPP_EVENT_KIND_END = 19
} locustpp_event_kind;

/* Payload of LOCUSTPP_EVENT_REQUEST. Also what a plugin passes to
 * host->fire_request() for requests made with its own clients. */
typedef struct locustpp_request_event {
  uint32_t struct_size;
  locustpp_string request_type;    /* "GET", or a protocol label */
  locustpp_string name;            /* statistics label */
  double response_time_ms;         /* NaN: none (counted, not in times) */
  uint64_t response_length;        /* bytes */
  const locustpp_http_response* response; /* NULL for non-HTTP requests */
  const locustpp_pair* context;
  uint32_t context_count;
  locustpp_string exception;       /* empty = success; else the failure text */
  double start_time;               /* epoch seconds */
  locustpp_string url;
} locustpp_request_event;

/* Payload of LOCUSTPP_EVENT_USER_ERROR. */
typedef struct locustpp_user_error_event {
  uint32_t struct_size;
  locustpp_string user_class;      /* the user's class name */
  locustpp_string task;            /* the task (or on_start/on_stop) that failed */
  locustpp_string message;         /* the error's message */
  locustpp_string traceback;       /* where it came from, as far as known */
} locustpp_user_error_event;

/* Payloads of the other kinds that carry values. */
typedef struct locustpp_count_event {  /* SPAWNING_COMPLETE: user_count */
  uint32_t struct_size;
  uint64_t count;
} locustpp_count_event;

typedef struct locustpp_quit_event {   /* QUIT */
  uint32_t struct_size;
  int32_t exit_code;
} locustpp_quit_event;

typedef struct locustpp_usage_event {  /* USAGE_MONITOR, CPU_WARNING */
  uint32_t struct_size;
  double cpu_percent;
  uint64_t memory_bytes;           /* resident set size */
} locustpp_usage_event;

typedef struct locustpp_node_event {   /* WORKER_CONNECT, HEARTBEAT_*, REPORT_TO_MASTER, WORKER_REPORT */
  uint32_t struct_size;
  locustpp_string client_id;
  double timestamp;                /* epoch seconds; 0 where Locust passes none */
  void* report;                    /* REPORT_TO_MASTER / WORKER_REPORT: opaque
                                      report handle for the host's report API */
} locustpp_node_event;

/* What every listener receives; `payload` points to the struct named for the
 * kind above (NULL for kinds without values); borrowed for the call. */
typedef struct locustpp_event {
  uint32_t struct_size;
  uint32_t kind;                   /* locustpp_event_kind */
  const void* payload;
} locustpp_event;

typedef int32_t (*locustpp_event_fn)(void* listener_ctx, const locustpp_event* event,
                                     locustpp_error_buffer error);

#ifdef __cplusplus
}
#endif
#endif /* LOCUSTPP_ABI_EVENTS_H */
