// Locust's names of the events (events.test_start, ...), for messages.
#pragma once

#include "locustpp/abi/events.h"

namespace locustpp::plugin {

const char* event_name(locustpp_event_kind kind) noexcept;

}  // namespace locustpp::plugin
