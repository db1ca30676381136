// recycling_allocator: freed blocks come back on the same thread; large ones bypass the cache.
#include "net/recycling_allocator.hpp"

#include <gtest/gtest.h>

#include <cstddef>
#include <thread>

namespace locustpp::net {
namespace {

struct operation {
  char bytes[200];
};

TEST(RecyclingAllocator, ReusesBlocksOnTheSameThread) {
  recycling_allocator<operation> allocator;
  operation* first = allocator.allocate(1);
  allocator.deallocate(first, 1);
  // A different type of up to block_size bytes gets the same block back.
  recycling_allocator<char> bytes(allocator);
  char* second = bytes.allocate(block_cache::block_size);
  EXPECT_EQ(static_cast<void*>(second), static_cast<void*>(first));
  bytes.deallocate(second, block_cache::block_size);
}

TEST(RecyclingAllocator, LargeBlocksAndOtherThreads) {
  recycling_allocator<char> bytes;
  char* large = bytes.allocate(block_cache::block_size + 1);  // straight from operator new
  large[block_cache::block_size] = 'x';
  bytes.deallocate(large, block_cache::block_size + 1);

  // A block freed on another thread joins that thread's cache (and is freed
  // when that thread ends).
  char* here = bytes.allocate(64);
  char* reused_there = nullptr;
  std::thread([&] {
    recycling_allocator<char> theirs;
    theirs.deallocate(here, 64);
    reused_there = theirs.allocate(32);
    theirs.deallocate(reused_there, 32);
  }).join();
  EXPECT_EQ(reused_there, here);
  EXPECT_TRUE(recycling_allocator<int>{} == recycling_allocator<char>{});
}

}  // namespace
}  // namespace locustpp::net
