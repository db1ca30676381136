/* locustpp plugin ABI — routes a module adds to the host's web server
 * (Locust's web_ui.app routes). Every route is behind the UI's login when
 * login is enabled. */
#ifndef LOCUSTPP_ABI_WEB_H
#define LOCUSTPP_ABI_WEB_H

#include "locustpp/abi/base.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef enum locustpp_route_flags {
  LOCUSTPP_ROUTE_PREFIX = 1u << 0  /* match every path under `path` */
} locustpp_route_flags;

/* Borrowed for the duration of the handler call. */
typedef struct locustpp_web_request {
  uint32_t struct_size;
  locustpp_string method;
  locustpp_string path;            /* without the query */
  locustpp_string query;           /* raw, without '?' */
  const locustpp_pair* headers;
  uint32_t header_count;
  locustpp_string body;
} locustpp_web_request;

/* The handler's way to answer; host-owned, valid during the call. */
typedef struct locustpp_web_response {
  uint32_t struct_size;
  void* writer_ctx;
  void (*set_status)(void* writer_ctx, int32_t status);
  void (*add_header)(void* writer_ctx, locustpp_string name, locustpp_string value);
  void (*append_body)(void* writer_ctx, locustpp_string bytes);
} locustpp_web_response;

/* Control thread. Returns LOCUSTPP_FAILED (with a message) for a 500. */
typedef int32_t (*locustpp_route_fn)(void* route_ctx, const locustpp_web_request* request,
                                     const locustpp_web_response* response,
                                     locustpp_error_buffer error);

typedef struct locustpp_web_route {
  uint32_t struct_size;
  const char* method;              /* static; "GET", ... or "*" */
  const char* path;                /* static; "/extend" */
  uint32_t flags;                  /* locustpp_route_flags */
  locustpp_route_fn handler;
  void* route_ctx;                 /* static */
} locustpp_web_route;

#ifdef __cplusplus
}
#endif
#endif /* LOCUSTPP_ABI_WEB_H */
