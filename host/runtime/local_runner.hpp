// The local (single-process) runner: spawns users over the worker threads
// at the spawn rate, runs for -t, stops them (-s), collects statistics every
// second, and writes the outputs. Runs the control thread's event loop.
#pragma once

#include <memory>

#include "cli/run_options.hpp"
#include "plugin/catalog.hpp"
#include "runtime/host_services.hpp"
#include "runtime/test_plan.hpp"

namespace locustpp::runtime {

class event_bus;

// Runs a whole headless test of `plan`; returns the process exit code.
int run_local_test(const cli::run_options& options, const plugin::catalog& catalog, test_plan plan, event_bus& events,
                   host_state& state);

}  // namespace locustpp::runtime
