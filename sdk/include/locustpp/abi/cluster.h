/* locustpp plugin ABI — the cluster extension, "locustpp.cluster.v1":
 * custom messages between master and workers (Locust's
 * runner.register_message / send_message), the keys a worker adds to its
 * report and the master reads (report_to_master / worker_report), and the
 * master's list of workers.
 *
 * Found with host->get_extension(self, LOCUSTPP_CLUSTER_EXTENSION_ID).
 * Structured data crosses as MessagePack bytes (the encoding of Locust's own
 * protocol; locustpp/value.hpp builds and reads it): maps, lists, strings,
 * numbers, booleans and nil. */
#ifndef LOCUSTPP_ABI_CLUSTER_H
#define LOCUSTPP_ABI_CLUSTER_H

#include "locustpp/abi/base.h"

#ifdef __cplusplus
extern "C" {
#endif

#define LOCUSTPP_CLUSTER_EXTENSION_ID "locustpp.cluster.v1"

struct locustpp_host_api;

/* A custom message arrived: `data` is MessagePack (borrowed for the call),
 * `node_id` the sender (a worker's id on the master; "" on a worker, from
 * its master; "local" in a single process). Control thread. Return
 * LOCUSTPP_FAILED with a message to have it logged. */
typedef int32_t (*locustpp_message_fn)(void* ctx, locustpp_string type, locustpp_string data,
                                       locustpp_string node_id, locustpp_error_buffer error);

typedef struct locustpp_cluster_extension {
  uint32_t struct_size;

  /* Calls `handler` for messages of `type` sent to this process. Control
   * thread, in register_module or an init listener. Refused for a type
   * already registered or one of the protocol's own (spawn, stats, ...). */
  int32_t (*register_message)(const struct locustpp_host_api* self, locustpp_string type,
                              locustpp_message_fn handler, void* ctx, locustpp_error_buffer error);
  /* Sends a message: from the master to worker `node_id`, or to every
   * worker when it is empty; from a worker to its master (`node_id`
   * ignored); in a single process, to its own handler. `data` must be one
   * MessagePack value. Any thread; delivery happens on the control thread. */
  int32_t (*send_message)(const struct locustpp_host_api* self, locustpp_string type, locustpp_string data,
                          locustpp_string node_id, locustpp_error_buffer error);

  /* During REPORT_TO_MASTER (a worker, with the event's `report`): adds key
   * `key` with a MessagePack value to the report. Refused for the report's
   * own keys (stats, stats_total, errors, user_classes_count, user_count). */
  int32_t (*report_set)(void* report, locustpp_string key, locustpp_string value, locustpp_error_buffer error);
  /* During WORKER_REPORT (the master, with the event's `report`): the value
   * of `key` as MessagePack in *value (valid during the event). 0 when the
   * report has no such key. */
  int32_t (*report_get)(void* report, locustpp_string key, locustpp_string* value);

  /* The master's workers: how many there are, and the id of worker `index`
   * in *node_id (valid until the next call). 0 on a worker or a single process. */
  uint32_t (*worker_ids)(uint32_t index, locustpp_string* node_id);
} locustpp_cluster_extension;

#ifdef __cplusplus
}
#endif
#endif /* LOCUSTPP_ABI_CLUSTER_H */
