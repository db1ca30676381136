/* locustpp plugin ABI: everything a C module needs. C11 and C++20. */
#ifndef LOCUSTPP_LOCUSTPP_H
#define LOCUSTPP_LOCUSTPP_H
#include "locustpp/abi/base.h"
#include "locustpp/abi/cli.h"
#include "locustpp/abi/cluster.h"
#include "locustpp/abi/events.h"
#include "locustpp/abi/host.h"
#include "locustpp/abi/http.h"
#include "locustpp/abi/module.h"
#include "locustpp/abi/users.h"
#include "locustpp/abi/web.h"
#include "locustpp/abi/web_ui.h"
#endif
