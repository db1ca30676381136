#include "runtime/class_picker.hpp"

#include <gtest/gtest.h>

#include <cmath>

namespace locustpp::runtime {
namespace {

TEST(ClassPicker, FixedCountsComeFirst) {
  class_picker picker({{1, 2}, {3, 0}});
  EXPECT_EQ(picker.next(), 0u);
  EXPECT_EQ(picker.next(), 0u);
  EXPECT_EQ(picker.next(), 1u);
  EXPECT_EQ(picker.next(), 1u);
  EXPECT_EQ(picker.counts()[0], 2u);
}

TEST(ClassPicker, EveryPrefixHasTheWeightedMixWithinOne) {
  std::vector<class_share> shares{{3, 0}, {1, 0}, {0.5, 0}, {2, 0}};
  double total = 6.5;
  class_picker picker(shares);
  for (int n = 1; n <= 1000; ++n) {
    picker.next();
    for (std::size_t i = 0; i < shares.size(); ++i) {
      double ideal = shares[i].weight / total * n;
      EXPECT_LE(std::abs(static_cast<double>(picker.counts()[i]) - ideal), 1.0) << "class " << i << " after " << n;
    }
  }
}

TEST(ClassPicker, ThreeToOneSpreadsTheMinorityClass) {
  class_picker picker({{3, 0}, {1, 0}});
  std::string order;
  for (int i = 0; i < 8; ++i) order += picker.next() == 0 ? 'A' : 'B';
  EXPECT_EQ(std::count(order.begin(), order.begin() + 4, 'B'), 1);
  EXPECT_EQ(std::count(order.begin() + 4, order.end(), 'B'), 1);
}

TEST(ClassPicker, ReleasedSlotsArePickedAgain) {
  class_picker picker({{1, 0}, {1, 0}});
  picker.next();
  picker.next();
  picker.release(0);
  EXPECT_EQ(picker.next(), 0u);
}

TEST(ClassPicker, OnlyAllowedClassesArePicked) {
  class_picker picker({{1, 0}, {5, 0}, {1, 1}});
  std::vector<bool> allowed{true, false, false};
  for (int i = 0; i < 5; ++i) EXPECT_EQ(picker.next(&allowed), 0u);
  EXPECT_EQ(picker.next(), 2u) << "the fixed-count class comes first once allowed";
}

TEST(ClassPicker, NothingLeftToSpawnIsNoClass) {
  class_picker picker({{0, 1}});
  EXPECT_EQ(picker.next(), 0u);
  EXPECT_EQ(picker.next(), std::nullopt);
}

// Fewer users than the fixed counts: every fixed class gets its turn, as
// Locust's dispatcher hands them out (A, B, A, A for counts 3 and 1).
TEST(ClassPicker, FixedCountClassesTakeTurns) {
  class_picker picker({{1, 3}, {1, 1}, {1, 0}});
  EXPECT_EQ(picker.next(), 0u);
  EXPECT_EQ(picker.next(), 1u);
  EXPECT_EQ(picker.next(), 0u);
  EXPECT_EQ(picker.next(), 0u);
  EXPECT_EQ(picker.next(), 2u) << "then the weighted class";
}

}  // namespace
}  // namespace locustpp::runtime
