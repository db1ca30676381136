/* locustpp plugin ABI — simulated users, task sets and tasks.
 *
 * A user class is a tree: the user's own task set, whose tasks are either
 * plain tasks (plugin code the host starts and waits for) or nested task sets.
 * The host owns scheduling: which task runs next (by weight, or in order),
 * waiting between tasks, tags, stopping. The plugin owns the code and the
 * per-user state ("instance"). Plugin code runs asynchronously: the host calls
 * a start function, the plugin starts its coroutine and later reports the end
 * with host->run_finished(). No coroutine type crosses the boundary. */
#ifndef LOCUSTPP_ABI_USERS_H
#define LOCUSTPP_ABI_USERS_H

#include "locustpp/abi/base.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Host handle of one simulated user. Valid from create_instance until
 * destroy_instance of the user's instance returns. */
typedef struct locustpp_user locustpp_user;

/* Host handle of one started piece of plugin code (a task, on_start or
 * on_stop). Valid until run_finished is called for it, or until the host
 * aborts it; never reused for a later run (a stale handle is ignored, with
 * a warning). */
typedef struct locustpp_run locustpp_run;

/* How a run ended; reported through host->run_finished(). The names follow
 * Locust's exceptions. */
typedef enum locustpp_run_outcome {
  LOCUSTPP_RUN_DONE = 0,              /* finished normally */
  LOCUSTPP_RUN_ERROR = 1,             /* unhandled error in user code: user_error
                                         fires, the user waits, then goes on */
  LOCUSTPP_RUN_RESCHEDULE = 2,        /* RescheduleTask: next task after waiting */
  LOCUSTPP_RUN_RESCHEDULE_NOW = 3,    /* RescheduleTaskImmediately: no wait */
  LOCUSTPP_RUN_INTERRUPT = 4,         /* TaskSet.interrupt(reschedule=True) */
  LOCUSTPP_RUN_INTERRUPT_WAIT = 5,    /* TaskSet.interrupt(reschedule=False) */
  LOCUSTPP_RUN_STOP_USER = 6,         /* StopUser: this user ends (on_stop runs) */
  LOCUSTPP_RUN_STOP_TEST = 7          /* StopTest: the whole test stops */
} locustpp_run_outcome;

/* Starts plugin code for `instance` (user thread). The plugin returns an
 * opaque token for locustpp_abort_fn, or NULL if the code already finished
 * (it may call run_finished before returning; the host handles that). */
typedef void* (*locustpp_start_fn)(void* fn_ctx, void* instance, locustpp_run* run);

/* Destroys a started, unfinished run because the host is killing the user
 * (stop timeout reached). User thread. Afterwards the plugin must not call
 * run_finished for it; the host drops its pending HTTP/sleep callbacks. */
typedef void (*locustpp_abort_fn)(void* token);

/* Creates the state of a user (parent == NULL) or of a nested task set
 * (parent == the enclosing instance). User thread. Returns NULL on failure
 * with a message in `error`. */
typedef void* (*locustpp_create_fn)(void* fn_ctx, locustpp_user* user, void* parent,
                                    locustpp_error_buffer error);
/* Destroys what create returned. User thread. */
typedef void (*locustpp_destroy_fn)(void* fn_ctx, void* instance);

typedef enum locustpp_wait_kind {
  LOCUSTPP_WAIT_INHERIT = 0,              /* task sets: use the parent's wait time;
                                             users: constant(0) */
  LOCUSTPP_WAIT_CONSTANT = 1,             /* a seconds */
  LOCUSTPP_WAIT_BETWEEN = 2,              /* uniform in [a, b] seconds */
  LOCUSTPP_WAIT_CONSTANT_PACING = 3,      /* a seconds from task start to task start */
  LOCUSTPP_WAIT_CONSTANT_THROUGHPUT = 4,  /* a tasks per second per user */
  LOCUSTPP_WAIT_CUSTOM = 5                /* custom(custom_ctx, instance) seconds */
} locustpp_wait_kind;

typedef struct locustpp_wait_time {
  uint32_t struct_size;
  uint32_t kind; /* locustpp_wait_kind */
  double a;
  double b;
  /* LOCUSTPP_WAIT_CUSTOM only. User thread; must not block. */
  double (*custom)(void* custom_ctx, void* instance);
  void* custom_ctx;
} locustpp_wait_time;

struct locustpp_task_set;

typedef struct locustpp_task {
  uint32_t struct_size;
  const char* name;                   /* static; shown in --list and the UI */
  uint32_t weight;                    /* >= 1; relative pick frequency, or the
                                         repeat count in a sequential set */
  const char* const* tags;            /* static array of static strings */
  uint32_t tag_count;
  /* Exactly one of `start` and `task_set` is set. */
  locustpp_start_fn start;
  void* start_ctx;                    /* static */
  const struct locustpp_task_set* task_set; /* static; runs until interrupted */
} locustpp_task;

typedef struct locustpp_task_set {
  uint32_t struct_size;
  const char* name;                   /* static */
  uint32_t sequential;                /* 0: weighted random; 1: declaration order */
  const locustpp_task* tasks;         /* static array; the host steps through it
                                         with tasks[0].struct_size */
  uint32_t task_count;
  const locustpp_wait_time* wait_time; /* static; NULL = LOCUSTPP_WAIT_INHERIT */
  locustpp_create_fn create_instance; /* required */
  locustpp_destroy_fn destroy_instance; /* required */
  void* instance_ctx;                 /* static; passed to create/destroy */
  locustpp_start_fn on_start;         /* optional */
  void* on_start_ctx;
  locustpp_start_fn on_stop;          /* optional */
  void* on_stop_ctx;
  locustpp_abort_fn abort_run;        /* required when any start fn is set */
} locustpp_task_set;

/* Receives one key/value of a user's context(); user thread. */
typedef void (*locustpp_context_sink)(void* sink_ctx, locustpp_string key, locustpp_string value);

typedef struct locustpp_user_class {
  uint32_t struct_size;
  const char* name;                   /* static; unique among all loaded modules */
  double weight;                      /* relative share of users; 0 = not spawned
                                         unless fixed_count is set */
  uint32_t fixed_count;               /* > 0: exactly this many, spawned first */
  const char* host;                   /* static; NULL = the -H/--host value */
  const locustpp_task_set* behaviour; /* static; the user's tasks, wait time,
                                         on_start/on_stop and instance */
  /* Optional: the user's context(), merged into every request event's context
   * (request-level keys win). User thread. */
  void (*context)(void* instance, locustpp_context_sink sink, void* sink_ctx);
} locustpp_user_class;

/* Background work (Locust's background greenlet): code that runs beside the
 * users from test_start until it returns or the test stops, when the host
 * aborts it. It starts through `start(start_ctx, instance, run)`, where
 * `instance` is the job's own locustpp_user handle (cast it back), usable
 * for sleep and http_request like a user's. */
typedef struct locustpp_background {
  uint32_t struct_size;
  const char* name;                   /* static */
  locustpp_start_fn start;            /* required */
  void* start_ctx;                    /* static */
  locustpp_abort_fn abort_run;        /* required */
} locustpp_background;

/* One tick of a load shape (Locust's LoadTestShape.tick), control thread,
 * about once a second. In: the run time and user count; out: the target. */
typedef struct locustpp_shape_tick {
  uint32_t struct_size;
  double run_time;                    /* in: seconds since the test started */
  uint64_t current_users;             /* in */
  uint64_t users;                     /* out: target user count */
  double spawn_rate;                  /* out: users started (or stopped) per second */
  const char* const* user_classes;    /* out, optional: only spawn these classes
                                         (static strings); NULL = all */
  uint32_t user_class_count;
} locustpp_shape_tick;

typedef struct locustpp_shape {
  uint32_t struct_size;
  const char* name;                   /* static */
  /* Returns 1 with the target filled in, 0 to stop the test, or -1 with a
   * message on error (the test then stops). */
  int32_t (*tick)(void* shape_ctx, locustpp_shape_tick* tick, locustpp_error_buffer error);
  void* shape_ctx;                    /* static */
} locustpp_shape;

#ifdef __cplusplus
}
#endif
#endif /* LOCUSTPP_ABI_USERS_H */
