// A master's worker order: machines alternate before processes.
#include <gtest/gtest.h>

#include "cluster/node_order.hpp"

namespace {

using locustpp::cluster::dispatch_order;

TEST(ClusterNodeOrder, MachinesAlternateBeforeProcesses) {
  EXPECT_EQ(dispatch_order({"a_1", "a_2", "a_3", "b_1", "c_1", "b_2"}),
            (std::vector<std::string>{"a_1", "b_1", "c_1", "a_2", "b_2", "a_3"}));
  EXPECT_TRUE(dispatch_order({}).empty());
}

}  // namespace
