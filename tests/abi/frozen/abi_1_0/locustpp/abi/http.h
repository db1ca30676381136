/* locustpp plugin ABI — HTTP requests made by a user through the host's
 * client (keep-alive connection and cookie jar per user, like a
 * requests.Session), and the response handed back. */
#ifndef LOCUSTPP_ABI_HTTP_H
#define LOCUSTPP_ABI_HTTP_H

#include "locustpp/abi/base.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef enum locustpp_http_flags {
  LOCUSTPP_HTTP_CATCH_RESPONSE = 1u << 0, /* the plugin decides success or failure
                                             with host->http_settle() */
  LOCUSTPP_HTTP_NO_REDIRECTS = 1u << 1    /* return 3xx responses as they are */
} locustpp_http_flags;

/* Everything in here is borrowed: the host copies what it needs before
 * http_request() returns. */
typedef struct locustpp_http_request {
  uint32_t struct_size;
  locustpp_string method;          /* "GET", "POST", ... */
  locustpp_string url;             /* absolute URL, or a path relative to the
                                      user's host */
  locustpp_string name;            /* statistics label; empty = path and query */
  const locustpp_pair* headers;
  uint32_t header_count;
  const locustpp_pair* query;      /* appended to the URL, percent-encoded */
  uint32_t query_count;
  const locustpp_pair* form;       /* body as application/x-www-form-urlencoded */
  uint32_t form_count;
  locustpp_string body;            /* raw body, used when form_count == 0 */
  locustpp_string content_type;    /* for `body`; empty = none */
  const locustpp_pair* context;    /* request context (overrides the user's) */
  uint32_t context_count;
  uint32_t flags;                  /* locustpp_http_flags */
  double timeout;                  /* seconds for the whole exchange;
                                      0 = --network-timeout */
} locustpp_http_request;

/* Borrowed by the callback: valid until this user's next http_request() or
 * until the user ends, whichever comes first. */
typedef struct locustpp_http_response {
  uint32_t struct_size;
  uint64_t request_id;             /* this user's request serial, for http_settle */
  int32_t status;                  /* HTTP status; 0 when no response arrived */
  locustpp_string url;             /* final URL, after redirects */
  const locustpp_pair* headers;
  uint32_t header_count;
  locustpp_string body;            /* decoded of chunked framing */
  locustpp_string error;           /* why it failed by default (transport error
                                      or status >= 400); empty = success */
  double response_time_ms;         /* start of sending to end of body */
  double start_time;               /* epoch seconds */
  uint64_t response_length;        /* body bytes */
} locustpp_http_response;

/* Called once per request on the user thread, never from inside
 * http_request() itself. */
typedef void (*locustpp_http_callback)(void* callback_ctx, const locustpp_http_response* response);

typedef enum locustpp_settle_outcome {
  LOCUSTPP_SETTLE_DEFAULT = 0,     /* no decision: status decides */
  LOCUSTPP_SETTLE_SUCCESS = 1,     /* response.success() */
  LOCUSTPP_SETTLE_FAILURE = 2      /* response.failure(message) */
} locustpp_settle_outcome;

#ifdef __cplusplus
}
#endif
#endif /* LOCUSTPP_ABI_HTTP_H */
