/* locustpp plugin ABI — the module descriptor and its one exported entry
 * function. The host dlopens a module (RTLD_NOW | RTLD_LOCAL), calls
 * locustpp_module_entry(), checks the descriptor, then calls
 * register_module() once, on the control thread, before the test starts. */
#ifndef LOCUSTPP_ABI_MODULE_H
#define LOCUSTPP_ABI_MODULE_H

#include "locustpp/abi/base.h"
#include "locustpp/abi/cli.h"
#include "locustpp/abi/events.h"
#include "locustpp/abi/host.h"
#include "locustpp/abi/users.h"
#include "locustpp/abi/web.h"

#ifdef __cplusplus
extern "C" {
#endif

/* What a module declares, through host functions. Host-owned, valid only
 * during register_module(). Each returns LOCUSTPP_OK, or LOCUSTPP_FAILED when
 * the declaration is refused (the host logs why and fails the module). The
 * descriptors passed in are static: the host keeps pointers to them. */
typedef struct locustpp_registrar {
  uint32_t struct_size;
  void* registrar_ctx;
  int32_t (*add_user_class)(void* registrar_ctx, const locustpp_user_class* user_class);
  int32_t (*add_event_listener)(void* registrar_ctx, uint32_t event_kind,
                                locustpp_event_fn listener, void* listener_ctx);
  int32_t (*add_argument)(void* registrar_ctx, const locustpp_argument* argument);
  int32_t (*add_web_route)(void* registrar_ctx, const locustpp_web_route* route);
  /* Background work started at every test start. */
  int32_t (*add_background)(void* registrar_ctx, const locustpp_background* job);
  /* A load shape; it overrides -u, -r and -t. The first one loaded is used. */
  int32_t (*add_shape)(void* registrar_ctx, const locustpp_shape* shape);
} locustpp_registrar;

/* Declares everything the module offers. `host` is static: keep it for later
 * calls. Return LOCUSTPP_FAILED with a message to refuse loading. */
typedef int32_t (*locustpp_register_fn)(const locustpp_host_api* host,
                                        const locustpp_registrar* registrar,
                                        locustpp_error_buffer error);

typedef struct locustpp_module_descriptor {
  uint32_t struct_size;
  uint32_t abi_major;              /* LOCUSTPP_ABI_MAJOR at build time */
  uint32_t abi_minor;              /* LOCUSTPP_ABI_MINOR at build time */
  const char* id;                  /* reverse-DNS, unique: "com.example.shop" */
  const char* name;
  const char* version;
  const char* description;
  locustpp_register_fn register_module; /* required */
} locustpp_module_descriptor;

/* The entry function every module exports (a function, not data: dlsym is
 * only guaranteed for functions). Returns a static descriptor. */
typedef const locustpp_module_descriptor* (*locustpp_entry_fn)(void);

#ifdef __cplusplus
}
#endif
#endif /* LOCUSTPP_ABI_MODULE_H */
