// A standard allocator that keeps freed blocks in a per-thread cache: for the
// operation objects Asio allocates for every request (a socket read), so that
// steady traffic costs no malloc/free for them. Attach it to a completion
// handler with an allocator_type / get_allocator() pair (Asio's associated
// allocator).
#pragma once

#include <cstddef>

namespace locustpp::net {

// Blocks of up to block_size bytes are cached (at most max_cached per thread);
// larger requests go to operator new directly. A block freed on another thread
// joins that thread's cache. Thread-safe: every thread has its own cache.
// Asio's own default does the same with one cached block per thread, which a
// worker with many users in flight keeps missing.
class block_cache {
 public:
  static constexpr std::size_t block_size = 512;
  static constexpr std::size_t max_cached = 256;

  static void* take(std::size_t bytes);
  static void give(void* block, std::size_t bytes) noexcept;
};

template <class T>
class recycling_allocator {
 public:
  using value_type = T;

  recycling_allocator() noexcept = default;
  template <class U>
  recycling_allocator(const recycling_allocator<U>&) noexcept {}  // NOLINT(google-explicit-constructor): rebinding

  T* allocate(std::size_t count) { return static_cast<T*>(block_cache::take(count * sizeof(T))); }
  void deallocate(T* block, std::size_t count) noexcept { block_cache::give(block, count * sizeof(T)); }

  template <class U>
  bool operator==(const recycling_allocator<U>&) const noexcept {
    return true;  // every instance can free what another allocated
  }
};

}  // namespace locustpp::net
