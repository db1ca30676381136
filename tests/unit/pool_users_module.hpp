// For the control module's tests: the pool_users test module
// (plugins/pool_users.cpp) loaded by the real loader into a process's
// shared state, and the options a test runs with, as main makes them.
#pragma once

#include <gtest/gtest.h>

#include <filesystem>
#include <string>
#include <vector>

#include "cli/parser.hpp"
#include "runtime/control_loop.hpp"
#include "runtime/event_bus.hpp"
#include "runtime/host_services.hpp"
#include "runtime/startup.hpp"
#include "runtime/test_plan.hpp"

namespace locustpp::test_support {

struct pool_users_module {
  // `extra`: options after "-f <module> --threads 2".
  explicit pool_users_module(const std::vector<std::string>& extra = {}) {
    const locustpp_host_api& host = runtime::install_host_services(state);
    EXPECT_EQ(runtime::load_modules({LOCUSTPP_POOL_USERS_MODULE}, {}, host, catalog, {}), 0u);
    std::vector<std::string> args{"-f", LOCUSTPP_POOL_USERS_MODULE, "--threads", "2"};
    args.insert(args.end(), extra.begin(), extra.end());
    options = cli::parse_options(args, {}, std::filesystem::current_path(), catalog.arguments);
  }
  runtime::test_plan plan() const { return runtime::make_test_plan(catalog, options); }

  plugin::catalog catalog;
  runtime::event_bus events{catalog};
  runtime::control_loop control;
  runtime::host_state state{control, events};
  cli::run_options options;
};

}  // namespace locustpp::test_support
