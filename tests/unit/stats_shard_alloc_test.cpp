// stats_shard steady state: recording known keys, failures and exceptions allocates nothing.
#include "stats/stats_shard.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <cstdlib>
#include <new>

// This executable replaces the global allocation functions to count calls; being its own
// test binary, nothing else is affected.
namespace {
std::atomic<long> allocation_count{0};
}  // namespace

void* operator new(std::size_t size) {
  allocation_count.fetch_add(1, std::memory_order_relaxed);
  if (void* memory = std::malloc(size == 0 ? 1 : size)) return memory;
  throw std::bad_alloc();
}
void operator delete(void* memory) noexcept { std::free(memory); }
void operator delete(void* memory, std::size_t) noexcept { std::free(memory); }

namespace locustpp::stats {
namespace {

constexpr std::uint64_t ms = 1'000'000;  // ns per ms

void record_a_second_of_traffic(stats_shard& shard, double second) {
  for (int i = 0; i < 100; ++i) {
    const double start = second + i * 0.009;
    shard.record({"GET", "/items", (5 + i % 7) * ms, 512, start, {}});
    shard.record({"POST", "/login", 20 * ms, 64, start, {}});
    // The address differs every time; folded, it is the same failure group.
    const char* error = (i % 2 == 0) ? "ConnectionError(<Conn object at 0x7f3a2b1c9d00>)"
                                     : "ConnectionError(<Conn object at 0x55d0e1a2b3c4>)";
    shard.record({"GET", "/items", 1 * ms, 0, start, error});
    shard.record_exception("ValueError: bad", "Traceback ...");
  }
}

TEST(StatsShardAllocations, SteadyStateRecordingDoesNotAllocate) {
  stats_shard shard;
  record_a_second_of_traffic(shard, 1001.0);  // first use creates entries and groups
  shard.clear();
  record_a_second_of_traffic(shard, 1002.0);  // warm: same keys, new second

  const long before = allocation_count.load();
  record_a_second_of_traffic(shard, 1002.0);
  shard.clear();
  record_a_second_of_traffic(shard, 1003.0);
  EXPECT_EQ(allocation_count.load() - before, 0);
  EXPECT_EQ(shard.num_requests(), 300u);
}

TEST(StatsShardAllocations, NewKeysDoAllocate) {
  // Guards the test above: the counter really sees the shard's allocations.
  stats_shard shard;
  const long before = allocation_count.load();
  shard.record({"GET", "/new", ms, 0, 1001.0, {}});
  EXPECT_GT(allocation_count.load() - before, 0);
}

}  // namespace
}  // namespace locustpp::stats
