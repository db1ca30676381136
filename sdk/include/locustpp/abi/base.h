/* locustpp plugin ABI — base types shared by every other ABI header.
 *
 * Rules for the whole ABI (all headers under locustpp/abi/):
 * - Only C types cross the boundary: fixed-width integers, doubles,
 *   (pointer, length) strings, opaque handles and function pointers that take
 *   a `void* ctx`. No C++ types, no exceptions, no RTTI.
 * - Every struct that may grow starts with `uint32_t struct_size` (sizeof as
 *   its writer was compiled), also where it is embedded in another struct or
 *   stored in an array: arrays of descriptors are walked with the writer's
 *   size. A reader copies what it knows into a zeroed struct, so fields
 *   appended later read as 0/NULL from older writers. A struct larger than
 *   the host knows is accepted when the fields it does not know are all
 *   zero (a newer module not using them), and refused, naming the sizes,
 *   when they are set. Only locustpp_string, locustpp_pair and
 *   locustpp_error_buffer are fixed forever and carry no size.
 * - Released structs never change; new fields and services are appended. A
 *   new feature area comes as an extension table found by name through
 *   host->get_extension(): a host without it answers NULL, so a module can
 *   do without that feature instead of being refused.
 * - Ownership: "borrowed" means valid only for the duration of the call;
 *   "static" means valid as long as the module stays loaded (the host never
 *   unloads a module before the process ends).
 * - Threads: every callback names the thread it runs on. "control thread" is
 *   the host's single thread for start-up, spawning, stats and outputs;
 *   "user thread" is the worker thread a given simulated user lives on. */
#ifndef LOCUSTPP_ABI_BASE_H
#define LOCUSTPP_ABI_BASE_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
#define LOCUSTPP_EXTERN_C extern "C"
#else
#define LOCUSTPP_EXTERN_C
#endif

#define LOCUSTPP_EXPORT LOCUSTPP_EXTERN_C __attribute__((visibility("default")))

/* The ABI version this header describes. A host loads a module whose major
 * equals its own; the minor says which appended fields/services it knows. */
#define LOCUSTPP_ABI_MAJOR 1
#define LOCUSTPP_ABI_MINOR 1
/* What each minor appended (the SDK checks the host's minor before using it):
 * 1.1  locustpp_argument.group; locustpp_host_api.worker_index */

/* The one symbol a module exports (see module.h). */
#define LOCUSTPP_ENTRY_SYMBOL "locustpp_module_entry"

/* A UTF-8 string that need not be NUL-terminated. `data` may be NULL when
 * `size` is 0. Ownership is stated where the type is used. */
typedef struct locustpp_string {
  const char* data;
  size_t size;
} locustpp_string;

/* A key/value pair of strings (HTTP headers, query parameters, form fields,
 * request context). */
typedef struct locustpp_pair {
  locustpp_string key;
  locustpp_string value;
} locustpp_pair;

/* A buffer the host owns, into which a plugin callback may write an error
 * message when it fails. Writing at most `capacity` bytes (no NUL needed) and
 * setting `*size` is the plugin's job; the SDK does it for you. */
typedef struct locustpp_error_buffer {
  char* data;
  size_t capacity;
  size_t* size;
} locustpp_error_buffer;

/* Result codes of plugin callbacks that can fail. */
typedef enum locustpp_status {
  LOCUSTPP_OK = 0,
  LOCUSTPP_FAILED = 1 /* the error buffer says why */
} locustpp_status;

#endif /* LOCUSTPP_ABI_BASE_H */
