/* locustpp plugin ABI — command-line arguments a module adds to the host's
 * parser (Locust's init_command_line_parser). Values are read from the
 * command line, the environment variable given, and config files, and shown
 * in the web UI unless excluded. */
#ifndef LOCUSTPP_ABI_CLI_H
#define LOCUSTPP_ABI_CLI_H

#include "locustpp/abi/base.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef enum locustpp_argument_type {
  LOCUSTPP_ARG_STRING = 0,
  LOCUSTPP_ARG_INT = 1,
  LOCUSTPP_ARG_FLOAT = 2,
  LOCUSTPP_ARG_BOOL = 3,   /* a flag on the command line; true/false elsewhere */
  LOCUSTPP_ARG_LIST = 4    /* comma-separated values */
} locustpp_argument_type;

typedef enum locustpp_argument_flags {
  LOCUSTPP_ARG_HIDE_FROM_WEB_UI = 1u << 0, /* include_in_web_ui=False */
  LOCUSTPP_ARG_SECRET = 1u << 1,           /* never printed: help, logs, outputs */
  LOCUSTPP_ARG_REQUIRED = 1u << 2,
  LOCUSTPP_ARG_MULTIPLE = 1u << 3          /* may be given several times */
} locustpp_argument_flags;

/* All strings static (valid while the module is loaded). */
typedef struct locustpp_argument {
  uint32_t struct_size;
  const char* name;                /* "--my-argument" */
  uint32_t type;                   /* locustpp_argument_type */
  const char* default_value;       /* text form; NULL = none */
  const char* help;
  const char* env_var;             /* NULL = none */
  const char* const* choices;      /* NULL = any value */
  uint32_t choice_count;
  uint32_t flags;                  /* locustpp_argument_flags */
  /* ABI 1.1: the --help section the argument is listed under (Locust's
   * argument groups); NULL = "Custom arguments". */
  const char* group;
} locustpp_argument;

#ifdef __cplusplus
}
#endif
#endif /* LOCUSTPP_ABI_CLI_H */
