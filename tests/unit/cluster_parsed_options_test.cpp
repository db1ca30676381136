// Module arguments in Locust's parsed_options: the master writes them under
// argparse's dest, and a worker takes only what the command line would take.
#include <gtest/gtest.h>

#include "cluster/parsed_options.hpp"

namespace {

using locustpp::value;
using namespace locustpp::cluster;
using locustpp::cli::argument_type;
using locustpp::cli::plugin_argument;

std::vector<plugin_argument> arguments() {
  plugin_argument count;
  count.name = "--item-count";
  count.type = argument_type::integer;
  plugin_argument env;
  env.name = "--env";
  env.choices = {"dev", "staging"};
  plugin_argument tags;
  tags.name = "--tag";
  tags.is_multiple = true;
  return {count, env, tags};
}

TEST(ClusterParsedOptions, WhatTheMasterWritesTheWorkerReadsBack) {
  locustpp::runtime::option_board board;
  board.set("item-count", {"7"});
  board.set("env", {"staging"});
  board.set("tag", {"a", "b"});
  value parsed = value::map();
  add_module_arguments(parsed, arguments(), board);
  EXPECT_EQ(parsed["item_count"].text(), "7");
  EXPECT_EQ(parsed["tag"].size(), 2u);
  checked_arguments checked;
  ASSERT_EQ(read_module_arguments(parsed, arguments(), checked), "");
  ASSERT_EQ(checked.size(), 3u);
  EXPECT_EQ(checked[0], (std::pair<std::string, std::vector<std::string>>{"item-count", {"7"}}));
  EXPECT_EQ(checked[2].second, (std::vector<std::string>{"a", "b"}));
}

TEST(ClusterParsedOptions, AWorkerRefusesWhatTheCommandLineWouldRefuse) {
  checked_arguments checked;
  EXPECT_EQ(read_module_arguments(value::map().set("item_count", "abc"), arguments(), checked),
            "invalid value for --item-count: 'abc' (expected an integer), from the master");
  EXPECT_EQ(read_module_arguments(value::map().set("item_count", value::map().set("a", 1)), arguments(), checked),
            "the master's value of --item-count is not a value or a list of values");
  EXPECT_NE(
      read_module_arguments(value::map().set("env", "prod"), arguments(), checked).find("invalid choice for --env"),
      std::string::npos);
  checked.clear();
  EXPECT_EQ(read_module_arguments(value::map().set("item_count", -7).set("other", "x"), arguments(), checked), "");
  EXPECT_EQ(checked.size(), 1u) << "a negative integer is an integer; keys of no module argument are Locust's own";
}

}  // namespace
