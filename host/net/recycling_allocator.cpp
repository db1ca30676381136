// block_cache: the per-thread free list behind recycling_allocator.
#include "net/recycling_allocator.hpp"

#include <array>
#include <new>

namespace locustpp::net {
namespace {

struct thread_cache {
  std::array<void*, block_cache::max_cached> blocks{};
  std::size_t count = 0;
  bool closed = false;  // the thread is ending: blocks go straight back to the heap

  ~thread_cache() {
    closed = true;
    while (count > 0) ::operator delete(blocks[--count]);
  }
};

thread_local thread_cache cache;

}  // namespace

void* block_cache::take(std::size_t bytes) {
  if (bytes > block_size) return ::operator new(bytes);
  if (cache.count > 0) return cache.blocks[--cache.count];
  return ::operator new(block_size);  // always a whole block, so that any small request can reuse it
}

void block_cache::give(void* block, std::size_t bytes) noexcept {
  if (bytes > block_size || cache.closed || cache.count == max_cached) {
    ::operator delete(block);
    return;
  }
  cache.blocks[cache.count++] = block;
}

}  // namespace locustpp::net
