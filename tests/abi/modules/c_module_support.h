/* What the hand-written C test modules share: a string view of a literal
 * and a user instance that remembers its handle and the run in progress.
 * Plain C11 against whichever ABI headers the module is built with. */
#ifndef LOCUSTPP_TESTS_C_MODULE_SUPPORT_H
#define LOCUSTPP_TESTS_C_MODULE_SUPPORT_H

#include <locustpp/locustpp.h>
#include <stdlib.h>
#include <string.h>

static inline locustpp_string text(const char* value) {
  locustpp_string s = {value, strlen(value)};
  return s;
}

typedef struct user_state {
  locustpp_user* user;
  locustpp_run* run;      /* the run in progress */
  locustpp_run* previous; /* the run before it */
} user_state;

static inline void* create_user(void* ctx, locustpp_user* user, void* parent, locustpp_error_buffer error) {
  (void)ctx; (void)parent; (void)error;
  user_state* state = calloc(1, sizeof *state);
  if (state != NULL) state->user = user;
  return state;
}

static inline void destroy_user(void* ctx, void* instance) {
  (void)ctx;
  free(instance);
}

static inline void abort_nothing(void* token) { (void)token; }

#endif
